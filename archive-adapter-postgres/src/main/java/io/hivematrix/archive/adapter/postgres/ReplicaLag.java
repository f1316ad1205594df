package io.hivematrix.archive.adapter.postgres;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How far a streaming replica is behind its primary, in time: the age of the oldest write position the primary had
 * reached that the replica has not yet replayed. The primary's position is sampled every tick; a replica that has
 * replayed everything sampled is not behind at all.
 *
 * <p>Why not {@code now() - pg_last_xact_replay_timestamp()} on the replica: it grows while the primary is idle (the
 * last replayed commit just gets older), and jumps to the age of that old commit the moment replay falls behind by
 * one write. Why not the replica's receive position against its replay position: a replica whose WAL receiver lost
 * the primary receives nothing and so looks current. Comparing with the primary's own position has neither fault.
 * Not thread-safe: one monitor thread feeds it.
 */
final class ReplicaLag {
    /** Positions kept at most: an hour of one-second samples, far past any sensible lag limit. */
    static final int MAX_SAMPLES = 3_600;

    private record Sample(long nanos, long lsn) {
    }

    private final Deque<Sample> unreplayed = new ArrayDeque<>();
    private long lastPrimaryLsn = -1;

    /** The primary was at write position {@code lsn} at {@code nanos} (System.nanoTime). */
    void primaryAt(long nanos, long lsn) {
        if (lsn <= lastPrimaryLsn) {
            return; // no new writes: the sample of the position's first sighting stays the one that counts
        }
        lastPrimaryLsn = lsn;
        unreplayed.addLast(new Sample(nanos, lsn));
        if (unreplayed.size() > MAX_SAMPLES) {
            unreplayed.removeFirst(); // the next oldest is still older than any lag limit
        }
    }

    /**
     * The lag, in nanoseconds, of a replica that has replayed up to {@code replayedLsn}, as of {@code nanos}: zero when
     * it has replayed every position sampled, otherwise how long ago the primary first reached one it has not.
     */
    long lagNanos(long nanos, long replayedLsn) {
        while (!unreplayed.isEmpty() && unreplayed.peekFirst().lsn() <= replayedLsn) {
            unreplayed.removeFirst();
        }
        return unreplayed.isEmpty() ? 0 : Math.max(0, nanos - unreplayed.peekFirst().nanos());
    }
}
