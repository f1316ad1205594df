package io.hivematrix.archive.adapter.postgres.backup;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Tells the operator how a long copy is going: at most one line every two seconds, so a large archive is not silent. */
final class ProgressMeter {
    private static final long EVERY_NANOS = 2_000_000_000L;

    private final Consumer<String> out;
    private long last = System.nanoTime();

    ProgressMeter(Consumer<String> out) {
        this.out = out;
    }

    /** Reports {@code line} if two seconds passed since the last report; cheap to call for every row. */
    void maybe(Supplier<String> line) {
        long now = System.nanoTime();
        if (now - last >= EVERY_NANOS) {
            last = now;
            out.accept(line.get());
        }
    }

    /** Reports {@code line} now. */
    void now(String line) {
        last = System.nanoTime();
        out.accept(line);
    }

    /** A byte count for people: 512 B, 3.4 MB, 1.20 GB (powers of 1000, as disk sizes are quoted). */
    static String size(long bytes) {
        if (bytes < 1_000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
