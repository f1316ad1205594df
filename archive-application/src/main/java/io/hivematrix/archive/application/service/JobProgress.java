package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.domain.SnapshotJob;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A running job's latest value and its way to the job store: changes apply in memory at once, and each write
 * stores the job as it is by then, so one write carries every outcome recorded while the one before it ran.
 */
final class JobProgress {
    private static final int UNKNOWN = -1;

    private final JobStore jobs;
    // A ReentrantLock, not synchronized: workers are virtual threads and wait here during a database write.
    private final ReentrantLock writing = new ReentrantLock();
    private SnapshotJob job; // guarded by this
    private long changes; // guarded by this
    private long written; // guarded by writing: the changes the last successful write covered
    private int storedOutcomes; // guarded by writing: UNKNOWN once a write failed

    /** @param created the job just as it was created in {@code jobs} */
    JobProgress(JobStore jobs, SnapshotJob created) {
        this.jobs = Objects.requireNonNull(jobs);
        this.job = Objects.requireNonNull(created);
        this.storedOutcomes = created.outcomes().size();
    }

    synchronized SnapshotJob job() {
        return job;
    }

    /** Applies {@code change} to the job in memory; {@link #write()} stores it. */
    synchronized void change(UnaryOperator<SnapshotJob> change) {
        job = change.apply(job);
        changes++;
    }

    /**
     * Returns once the job as it was at the call is stored, by this write or by one that began later. Waits for
     * a write under way rather than racing it, so the store only ever receives newer values of the job.
     */
    void write() {
        writing.lock();
        try {
            SnapshotJob now;
            long upTo;
            synchronized (this) {
                now = job;
                upTo = changes;
            }
            if (upTo == written) {
                return;
            }
            if (storedOutcomes == UNKNOWN) {
                jobs.update(now);
            } else {
                jobs.update(now, storedOutcomes);
            }
            storedOutcomes = now.outcomes().size();
            written = upTo;
        } catch (RuntimeException e) {
            // Whether the failed write stored anything is unknown: the next one lets the store count.
            storedOutcomes = UNKNOWN;
            throw e;
        } finally {
            writing.unlock();
        }
    }
}
