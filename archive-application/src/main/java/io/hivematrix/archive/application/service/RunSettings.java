package io.hivematrix.archive.application.service;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How runs behave: the zone of a schedule that names none, how many Ledger calls may be in flight at once
 * ({@code ARCHIVE_SCHEDULER_CONCURRENCY}), and how a failed call is retried.
 */
public record RunSettings(ZoneId defaultZone, int concurrency, RetryPolicy retry) {
    public RunSettings {
        Objects.requireNonNull(defaultZone, "default zone");
        Objects.requireNonNull(retry, "retry policy");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }
}
