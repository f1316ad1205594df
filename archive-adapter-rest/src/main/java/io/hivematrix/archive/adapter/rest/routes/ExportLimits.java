package io.hivematrix.archive.adapter.rest.routes;

import java.time.Duration;
import java.util.Objects;

/**
 * How many CSV exports may stream at once and how fast each client must take its data (docs/configuration.md, "Limits").
 *
 * @param maxConcurrent exports streaming at once ({@code ARCHIVE_MAX_CONCURRENT_EXPORTS}); one more is answered 503
 *                      with {@code Retry-After} at once, never queued
 * @param minBytes      a client must take at least this many bytes of its export ...
 * @param window        ... for each this long that the server waits on it, or the export is cut off; time the server
 *                      spends reading the database does not count
 */
public record ExportLimits(int maxConcurrent, int minBytes, Duration window) {
    public static final int DEFAULT_MAX_CONCURRENT = 2;
    /** 64 KiB per 10 s, about 6.4 KiB/s: a modem's pace, far below any real client (a full export ran at 20 MB/s). */
    public static final int DEFAULT_MIN_BYTES = 64 * 1024;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    public static final ExportLimits DEFAULT = of(DEFAULT_MAX_CONCURRENT);

    public ExportLimits {
        Objects.requireNonNull(window, "window");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        if (minBytes < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("minBytes and window must be positive");
        }
    }

    /** {@code maxConcurrent} exports at once, each at the default minimum pace. */
    public static ExportLimits of(int maxConcurrent) {
        return new ExportLimits(maxConcurrent, DEFAULT_MIN_BYTES, DEFAULT_WINDOW);
    }
}
