package io.hivematrix.archive.boot;

import io.hivematrix.archive.application.port.in.AuditTrail;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Seals newly archived snapshots into the audit chain every interval, on one background thread per
 * instance; the database's advisory lock lets only one instance append at a time.
 */
final class AuditSealer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AuditSealer.class.getName());

    private final ScheduledExecutorService executor;

    private AuditSealer(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static AuditSealer start(AuditTrail audit, Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "archive-audit-sealer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                int sealed = audit.sealPending();
                if (sealed > 0) {
                    LOG.log(Level.DEBUG, () -> "sealed " + sealed + " snapshot(s) into the audit chain");
                }
            } catch (RuntimeException e) {
                // Keep sealing on the next tick: a database blip must not end the chain's growth for good.
                LOG.log(Level.WARNING, "audit sealing failed; retrying in " + interval.toMillis() + " ms", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return new AuditSealer(executor);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
