package io.hivematrix.archive.boot;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The service's settings, read once at start-up: environment variables first, then Java system
 * properties, then an {@code application.yaml} in the working directory, then the built-in defaults.
 * Every key is spelled as its environment variable (SPEC §1), in the YAML files too.
 */
public record ArchiveSettings(
        String host,
        int port,
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        Path dataDir,
        int dbPoolSize,
        long maxBodyBytes,
        Optional<URI> coreServiceUrl,
        Set<String> snapshotWriters,
        Duration auditSealInterval,
        Optional<URI> codexUrl,
        Optional<URI> ledgerUrl,
        int schedulerConcurrency) {

    public ArchiveSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("ARCHIVE_PORT must be between 0 and 65535");
        }
        if (dbPoolSize < 1) {
            throw new IllegalArgumentException("ARCHIVE_DB_POOL_SIZE must be at least 1");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("ARCHIVE_MAX_BODY_BYTES must be positive");
        }
        snapshotWriters = Set.copyOf(snapshotWriters);
        if (schedulerConcurrency < 1 || schedulerConcurrency > 256) {
            throw new IllegalArgumentException("ARCHIVE_SCHEDULER_CONCURRENCY must be between 1 and 256");
        }
        if (auditSealInterval.isNegative() || auditSealInterval.isZero()
                || auditSealInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("ARCHIVE_AUDIT_SEAL_INTERVAL_MS must be between 1 and 600000");
        }
    }

    /** Reads the settings from the process environment, system properties and YAML files. */
    public static ArchiveSettings load() {
        var builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.systemProperties());
        Path local = Path.of("application.yaml");
        if (Files.isRegularFile(local)) {
            builder.addSource(ConfigSources.file(local));
        }
        builder.addSource(ConfigSources.classpath("application.yaml"));
        return from(builder.build());
    }

    static ArchiveSettings from(Config config) {
        return new ArchiveSettings(
                config.get("ARCHIVE_HOST").asString().orElse("127.0.0.1"),
                config.get("ARCHIVE_PORT").asInt().orElse(5012),
                nonBlank(config, "ARCHIVE_DB_URL"),
                nonBlank(config, "ARCHIVE_DB_USER"),
                nonBlank(config, "ARCHIVE_DB_PASSWORD"),
                Path.of(config.get("ARCHIVE_DATA_DIR").asString().orElse("./data")).toAbsolutePath().normalize(),
                config.get("ARCHIVE_DB_POOL_SIZE").asInt().orElse(16),
                config.get("ARCHIVE_MAX_BODY_BYTES").asLong().orElse(10L * 1024 * 1024),
                nonBlank(config, "CORE_SERVICE_URL").map(url -> httpUrl(url, "CORE_SERVICE_URL")),
                Arrays.stream(config.get("ARCHIVE_SNAPSHOT_WRITERS").asString().orElse("ledger").split(","))
                        .map(String::trim).filter(w -> !w.isEmpty()).collect(Collectors.toSet()),
                Duration.ofMillis(config.get("ARCHIVE_AUDIT_SEAL_INTERVAL_MS").asLong().orElse(1000L)),
                nonBlank(config, "CODEX_URL").map(url -> httpUrl(url, "CODEX_URL")),
                nonBlank(config, "LEDGER_URL").map(url -> httpUrl(url, "LEDGER_URL")),
                config.get("ARCHIVE_SCHEDULER_CONCURRENCY").asInt().orElse(8));
    }

    private static URI httpUrl(String text, String key) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(key + " must be an http(s) URL");
        }
        return uri;
    }

    private static Optional<String> nonBlank(Config config, String key) {
        return config.get(key).asString().asOptional().filter(v -> !v.isBlank());
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ArchiveSettings[host=" + host + ", port=" + port + ", dbUrl=" + dbUrl.orElse("(embedded)")
                + ", dbUser=" + dbUser.orElse("-") + ", dbPassword=" + (dbPassword.isPresent() ? "****" : "-")
                + ", dataDir=" + dataDir + ", dbPoolSize=" + dbPoolSize + ", maxBodyBytes=" + maxBodyBytes
                + ", coreServiceUrl=" + coreServiceUrl.map(URI::toString).orElse("(dev auth)")
                + ", snapshotWriters=" + snapshotWriters + ", auditSealInterval=" + auditSealInterval
                + ", codexUrl=" + codexUrl.map(URI::toString).orElse("-") + ", ledgerUrl="
                + ledgerUrl.map(URI::toString).orElse("-") + ", schedulerConcurrency=" + schedulerConcurrency + "]";
    }
}
