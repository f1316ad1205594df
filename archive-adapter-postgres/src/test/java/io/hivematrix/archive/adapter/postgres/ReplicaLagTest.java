package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The replica's lag in time, from the primary's sampled write positions and the position the replica replayed. */
class ReplicaLagTest {
    private static final long SECOND = 1_000_000_000L;
    private final ReplicaLag lag = new ReplicaLag();

    @Test
    void aReplicaThatReplayedEverythingSampled_isNotBehind_howeverOldTheLastWrite() {
        lag.primaryAt(0, 100);
        assertEquals(0, lag.lagNanos(3_600 * SECOND, 100));
    }

    @Test
    void aReplicaBehind_isAsFarBehindAsTheOldestPositionItHasNotReplayed() {
        lag.primaryAt(0, 100);
        lag.primaryAt(2 * SECOND, 200);
        lag.primaryAt(4 * SECOND, 300);
        assertEquals(10 * SECOND, lag.lagNanos(10 * SECOND, 99));
        assertEquals(8 * SECOND, lag.lagNanos(10 * SECOND, 150), "100 replayed: 200 is the oldest it lacks");
        assertEquals(0, lag.lagNanos(10 * SECOND, 300));
    }

    @Test
    void aPositionSeenAgain_keepsTheTimeItWasFirstSeen() {
        lag.primaryAt(0, 100);
        lag.primaryAt(5 * SECOND, 100); // the primary was idle: its position did not move
        assertEquals(7 * SECOND, lag.lagNanos(7 * SECOND, 50));
    }

    @Test
    void replayedPositionsAreForgotten_soAReplicaThatCatchesUpAndFallsBackIsTimedFromTheNewWrite() {
        lag.primaryAt(0, 100);
        assertEquals(0, lag.lagNanos(SECOND, 100));
        lag.primaryAt(60 * SECOND, 200);
        assertEquals(SECOND, lag.lagNanos(61 * SECOND, 100));
    }

    @Test
    void theSamplesKeptAreBounded_andTheOldestKeptStillTimesTheLag() {
        for (int i = 0; i <= ReplicaLag.MAX_SAMPLES + 10; i++) {
            lag.primaryAt(i * SECOND, 1_000 + i);
        }
        long now = (ReplicaLag.MAX_SAMPLES + 20) * SECOND;
        // The first eleven samples were dropped: the oldest kept is the twelfth, still an hour old.
        assertEquals(now - 11 * SECOND, lag.lagNanos(now, 0));
    }
}
