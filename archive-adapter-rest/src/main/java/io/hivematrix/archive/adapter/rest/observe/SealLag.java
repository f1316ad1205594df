package io.hivematrix.archive.adapter.rest.observe;

import io.hivematrix.archive.application.port.in.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * How far sealing lags behind: the sealer's progress, the unsealed count (read at most once a second), and the
 * readiness check that turns DOWN once snapshots wait longer than sealing should ever take.
 */
public final class SealLag {
    /** Sealing counts as stuck once snapshots wait this many seal intervals (at least a minute). */
    private static final int LAG_INTERVALS = 30;
    /**
     * How long one reading of the unsealed count serves the gauges and the health check: it counts rows (tens of
     * milliseconds at a million snapshots), and scrapes and balancer probes ask for it several times in a row.
     */
    private static final Duration PENDING_READING_TTL = Duration.ofSeconds(1);

    private final AuditTrail audit;
    private final Clock clock;
    private final Duration limit;
    private final AtomicReference<Instant> lastSealRun;
    private volatile PendingReading pendingReading;

    /** The unsealed count and when it was read. */
    private record PendingReading(long pending, Instant readAt) {
    }

    public SealLag(AuditTrail audit, Duration sealInterval, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.lastSealRun = new AtomicReference<>(clock.instant());
        Duration lagLimit = sealInterval.multipliedBy(LAG_INTERVALS);
        this.limit = lagLimit.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : lagLimit;
    }

    /**
     * The sealer, remembering when it last sealed everything that was waiting (seal lag counts from there); each run
     * returns how many snapshots it sealed.
     */
    public IntSupplier sealer() {
        return () -> {
            Instant started = clock.instant();
            int sealed = audit.sealPending();
            lastSealRun.set(started);
            pendingReading = null; // what was waiting is sealed now
            return sealed;
        };
    }

    /** Seconds the oldest waiting snapshot may have waited: 0 when none waits, else since the last full seal. */
    public double seconds(long pending) {
        if (pending == 0) {
            return 0;
        }
        return Math.max(0, Duration.between(lastSealRun.get(), clock.instant()).toMillis() / 1000.0);
    }

    /** Snapshots waiting to be sealed, read at most once a second. */
    public long pending() {
        Instant now = clock.instant();
        PendingReading last = pendingReading;
        if (last == null || !now.isBefore(last.readAt().plus(PENDING_READING_TTL))) {
            last = new PendingReading(audit.head().pending(), now);
            pendingReading = last;
        }
        return last.pending();
    }

    /** The readiness check {@code seal_lag}: DOWN while the oldest waiting snapshot has waited past the limit. */
    public HealthCheck check() {
        return HealthCheck.reading("seal_lag", () -> {
            long pending = pending();
            double lag = seconds(pending);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("pending", pending);
            data.put("lag_seconds", lag);
            data.put("limit_seconds", limit.toSeconds());
            return new HealthCheck.Reading(lag <= limit.toSeconds(), data);
        });
    }
}
