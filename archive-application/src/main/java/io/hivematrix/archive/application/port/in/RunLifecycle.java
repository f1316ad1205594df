package io.hivematrix.archive.application.port.in;

import java.time.Duration;

/** Use case: the life of runs beyond a request — jobs orphaned by a stopped instance, and a graceful stop. */
public interface RunLifecycle {

    /**
     * Fails every running job that made no progress for {@code quiet}: its instance stopped mid-run.
     * Such a job can then be retried. Returns how many were failed.
     */
    int failAbandoned(Duration quiet);

    /**
     * Graceful shutdown: runs in progress finish the Ledger calls already made (without retrying them), ask no
     * further company, and end with those companies recorded as failed, so a retry of the job picks them up.
     */
    void stopAsking();
}
