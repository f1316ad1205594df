package io.hivematrix.archive.bench.monthly;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link FakeNeighbours} plays: how many companies Codex lists, how long Ledger takes per bill, whether
 * Ledger posts each bill back to the Archive, and where to write the neighbours' URLs once they listen.
 *
 * @param companies  companies Codex lists (accounts 700001, 700002, …)
 * @param delay      how long one Ledger bill call takes at least (its own work; the benchmark's unit of time)
 * @param archiveUrl the Archive Ledger posts bills back to; present exactly when posting back
 * @param fixture    the Ledger bill the posted-back bills are made from
 * @param readyFile  where the {@code CORE_SERVICE_URL=…} lines go once every fake listens
 */
record NeighbourOptions(int companies, Duration delay, Optional<URI> archiveUrl, Path fixture, Path readyFile) {
    static final String USAGE = "FakeNeighbours --ready-file FILE [--companies N] [--delay-ms D]"
            + " [--post-back --archive-url URL] [--fixture FILE]";

    NeighbourOptions {
        if (companies < 1 || companies > 899_999) {
            throw new IllegalArgumentException("--companies must be between 1 and 899999");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("--delay-ms must not be negative");
        }
    }

    boolean postBack() {
        return archiveUrl.isPresent();
    }

    static NeighbourOptions parse(String[] args) {
        int companies = 1_000;
        long delayMs = 50;
        boolean postBack = false;
        URI archive = null;
        Path fixture = Path.of("fixtures", "ledger-snapshot-620547-202510.json");
        Path ready = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--companies" -> companies = Integer.parseInt(value(args, ++i));
                case "--delay-ms" -> delayMs = Long.parseLong(value(args, ++i));
                case "--post-back" -> postBack = true;
                case "--archive-url" -> archive = URI.create(value(args, ++i));
                case "--fixture" -> fixture = Path.of(value(args, ++i));
                case "--ready-file" -> ready = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: " + USAGE);
            }
        }
        if (ready == null) {
            throw new IllegalArgumentException("--ready-file is required; usage: " + USAGE);
        }
        if (postBack && archive == null) {
            throw new IllegalArgumentException("--post-back needs --archive-url");
        }
        return new NeighbourOptions(companies, Duration.ofMillis(delayMs),
                postBack ? Optional.of(archive) : Optional.empty(), fixture, ready);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value; usage: " + USAGE);
        }
        return args[i];
    }
}
