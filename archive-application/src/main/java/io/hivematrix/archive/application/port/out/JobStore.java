package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.SnapshotJob;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where snapshot jobs are kept, with their per-company outcomes, so progress survives the process. */
public interface JobStore {

    /**
     * Stores a new job.
     *
     * @return false, storing nothing, when {@code job} is {@code scheduled} and a scheduled job for its
     *         target period already exists (another instance ran, or is running, that period)
     */
    boolean create(SnapshotJob job);

    /** Replaces the stored job's status, counters and outcomes with these (outcomes only ever grow). */
    void update(SnapshotJob job);

    /**
     * {@link #update(SnapshotJob)} from the one writer of a running job, which knows that exactly the first
     * {@code storedOutcomes} of its outcomes are stored (it stored them), so the store need not look that up.
     * Pass only a count known that way: one below the stored count is refused and changes nothing, one above
     * it may go unnoticed. The default ignores the count and looks it up.
     */
    default void update(SnapshotJob job, int storedOutcomes) {
        update(job);
    }

    Optional<SnapshotJob> find(UUID id);

    /** Newest first, by start time; outcomes may be left out (empty) in lists. */
    List<SnapshotJob> list(int limit, int offset);

    /** Jobs still marked running, e.g. left so by an instance that died. */
    List<SnapshotJob> running();

    /** Running jobs that have not been created or updated since {@code since}: abandoned mid-run. */
    List<SnapshotJob> runningWithoutProgressSince(java.time.Instant since);
}
