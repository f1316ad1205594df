package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.SnapshotJob;
import java.util.concurrent.TimeUnit;

/** Waits for a job started in the background to leave RUNNING, but never forever: a hang fails the test. */
final class AwaitJob {
    private AwaitJob() {
    }

    /** The job as stored once it is no longer running; an AssertionError after ten seconds. */
    static SnapshotJob finished(JobStore jobs, SnapshotJob job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            SnapshotJob now = jobs.find(job.id()).orElseThrow();
            if (now.status() != JobStatus.RUNNING) {
                return now;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + job.id() + " did not finish");
    }
}
