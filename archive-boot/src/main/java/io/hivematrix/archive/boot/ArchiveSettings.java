package io.hivematrix.archive.boot;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hivematrix.archive.adapter.rest.listener.ListenerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.LogHash;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The service's settings, read once at start-up: environment variables first, then Java system
 * properties, then an {@code application.yaml} in the working directory, then the built-in defaults.
 * Every key is spelled as its environment variable (SPEC §1), in the YAML files too. The listener reads its own keys
 * ({@link ListenerSettings}).
 */
public record ArchiveSettings(
        ListenerSettings listener,
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        Optional<String> migrateDbUser,
        Optional<String> migrateDbPassword,
        boolean allowOwnerRole,
        Path dataDir,
        int dbPoolSize,
        Optional<URI> coreServiceUrl,
        Set<String> snapshotWriters,
        Duration auditSealInterval,
        Optional<URI> codexUrl,
        Optional<URI> ledgerUrl,
        int schedulerConcurrency,
        int maxConcurrentExports,
        boolean logRequests,
        Duration shutdownGrace,
        boolean devAuth,
        Set<String> allowedOrigins,
        String logOrigin,
        Path logKey,
        Duration checkpointInterval,
        Optional<Path> checkpointDir,
        Optional<URI> witnessUrl,
        Optional<String> dbReadUrl,
        Optional<String> dbReadUser,
        Optional<String> dbReadPassword,
        Duration dbReadMaxLag) {

    public ArchiveSettings {
        if (dbPoolSize < 1) {
            throw new IllegalArgumentException("ARCHIVE_DB_POOL_SIZE must be at least 1");
        }
        snapshotWriters = Set.copyOf(snapshotWriters);
        allowedOrigins = Set.copyOf(allowedOrigins);
        if (dbUrl.isEmpty() && migrateDbUser.isPresent()) {
            throw new IllegalArgumentException("ARCHIVE_MIGRATE_DB_USER names the owner role of an external database: "
                    + "set ARCHIVE_DB_URL too (the embedded database makes its own roles)");
        }
        if (devAuth && coreServiceUrl.isPresent()) {
            throw new IllegalArgumentException("ARCHIVE_AUTH=dev and CORE_SERVICE_URL are both set: choose one "
                    + "(CORE_SERVICE_URL in production, ARCHIVE_AUTH=dev only on a developer's machine)");
        }
        if (schedulerConcurrency < 1 || schedulerConcurrency > 256) {
            throw new IllegalArgumentException("ARCHIVE_SCHEDULER_CONCURRENCY must be between 1 and 256");
        }
        if (auditSealInterval.isNegative() || auditSealInterval.isZero()
                || auditSealInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("ARCHIVE_AUDIT_SEAL_INTERVAL_MS must be between 1 and 600000");
        }
        // Each export holds a database connection of its own pool for as long as it streams.
        if (maxConcurrentExports < 1 || maxConcurrentExports > 64) {
            throw new IllegalArgumentException("ARCHIVE_MAX_CONCURRENT_EXPORTS must be between 1 and 64");
        }
        if (!ListenerSettings.wholeSecondsBetween(shutdownGrace, 1, 600)) {
            throw new IllegalArgumentException("ARCHIVE_SHUTDOWN_GRACE_SECONDS must be between 1 and 600");
        }
        try {
            new Checkpoint(logOrigin, 0, LogHash.EMPTY_TREE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ARCHIVE_LOG_ORIGIN must be a name without spaces or '+', such as "
                    + "archive.example.com/billing", e);
        }
        if (!ListenerSettings.wholeSecondsBetween(checkpointInterval, 1, 86_400)) {
            throw new IllegalArgumentException("ARCHIVE_CHECKPOINT_SECONDS must be between 1 and 86400");
        }
        if (dbReadUrl.isPresent() && !dbReadUrl.get().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("ARCHIVE_DB_READ_URL must be a jdbc:postgresql: URL (of a streaming "
                    + "replica of the primary)");
        }
        if (dbReadUrl.isEmpty() && (dbReadUser.isPresent() || dbReadPassword.isPresent())) {
            throw new IllegalArgumentException("ARCHIVE_DB_READ_USER and ARCHIVE_DB_READ_PASSWORD name how to reach a "
                    + "read replica: set ARCHIVE_DB_READ_URL too");
        }
        if (!ListenerSettings.wholeSecondsBetween(dbReadMaxLag, 1, 3_600)) {
            throw new IllegalArgumentException("ARCHIVE_DB_READ_MAX_LAG_SECONDS must be between 1 and 3600");
        }
    }

    /**
     * The log's origin when {@code ARCHIVE_LOG_ORIGIN} is not set: {@code archive.hivematrix/} and the database's name
     * ({@code archive} for the embedded one), so that each database is a log of its own.
     */
    static String defaultLogOrigin(Optional<String> dbUrl) {
        String name = dbUrl.map(url -> url.replaceFirst("^jdbc:postgresql://[^/]*/?", "").replaceFirst("[?;].*$", ""))
                .filter(n -> n.matches("[A-Za-z0-9_.-]+")).orElse("archive");
        return "archive.hivematrix/" + name;
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

    /** Reads the settings from {@code config} (the command tests build one from a map). */
    public static ArchiveSettings from(Config config) {
        return new ArchiveSettings(
                ListenerSettings.from(config),
                nonBlank(config, "ARCHIVE_DB_URL"),
                nonBlank(config, "ARCHIVE_DB_USER"),
                nonBlank(config, "ARCHIVE_DB_PASSWORD"),
                nonBlank(config, "ARCHIVE_MIGRATE_DB_USER"),
                nonBlank(config, "ARCHIVE_MIGRATE_DB_PASSWORD"),
                config.get("ARCHIVE_ALLOW_OWNER_ROLE").asBoolean().orElse(false),
                dataDir(config),
                config.get("ARCHIVE_DB_POOL_SIZE").asInt().orElse(16),
                nonBlank(config, "CORE_SERVICE_URL").map(url -> httpUrl(url, "CORE_SERVICE_URL")),
                Arrays.stream(config.get("ARCHIVE_SNAPSHOT_WRITERS").asString().orElse("ledger").split(","))
                        .map(String::trim).filter(w -> !w.isEmpty()).collect(Collectors.toSet()),
                Duration.ofMillis(config.get("ARCHIVE_AUDIT_SEAL_INTERVAL_MS").asLong().orElse(250L)),
                nonBlank(config, "CODEX_URL").map(url -> httpUrl(url, "CODEX_URL")),
                nonBlank(config, "LEDGER_URL").map(url -> httpUrl(url, "LEDGER_URL")),
                config.get("ARCHIVE_SCHEDULER_CONCURRENCY").asInt().orElse(8),
                config.get("ARCHIVE_MAX_CONCURRENT_EXPORTS").asInt().orElse(2),
                config.get("ARCHIVE_LOG_REQUESTS").asBoolean().orElse(true),
                Duration.ofSeconds(config.get("ARCHIVE_SHUTDOWN_GRACE_SECONDS").asLong().orElse(20L)),
                devAuth(nonBlank(config, "ARCHIVE_AUTH")),
                Arrays.stream(config.get("ARCHIVE_ALLOWED_ORIGINS").asString().orElse("").split(","))
                        .map(String::trim).filter(o -> !o.isEmpty()).map(o -> origin(o, "ARCHIVE_ALLOWED_ORIGINS"))
                        .collect(Collectors.toSet()),
                nonBlank(config, "ARCHIVE_LOG_ORIGIN").map(String::trim)
                        .orElseGet(() -> defaultLogOrigin(nonBlank(config, "ARCHIVE_DB_URL"))),
                nonBlank(config, "ARCHIVE_LOG_KEY").map(k -> Path.of(k.trim()).toAbsolutePath().normalize())
                        .orElseGet(() -> dataDir(config).resolve("log-key")),
                Duration.ofSeconds(config.get("ARCHIVE_CHECKPOINT_SECONDS").asLong().orElse(60L)),
                nonBlank(config, "ARCHIVE_CHECKPOINT_DIR").map(d -> Path.of(d.trim()).toAbsolutePath().normalize()),
                nonBlank(config, "ARCHIVE_WITNESS_URL").map(url -> httpUrl(url, "ARCHIVE_WITNESS_URL")),
                nonBlank(config, "ARCHIVE_DB_READ_URL").map(String::trim),
                nonBlank(config, "ARCHIVE_DB_READ_USER"),
                nonBlank(config, "ARCHIVE_DB_READ_PASSWORD"),
                Duration.ofSeconds(config.get("ARCHIVE_DB_READ_MAX_LAG_SECONDS").asLong().orElse(30L)));
    }

    private static Path dataDir(Config config) {
        return Path.of(config.get("ARCHIVE_DATA_DIR").asString().orElse("./data")).toAbsolutePath().normalize();
    }

    /** {@code ARCHIVE_AUTH}: {@code dev}, or unset ({@code core} says the same) for Core's tokens. */
    private static boolean devAuth(Optional<String> mode) {
        if (mode.isEmpty() || mode.get().trim().equalsIgnoreCase("core")) {
            return false;
        }
        if (mode.get().trim().equalsIgnoreCase("dev")) {
            return true;
        }
        throw new IllegalArgumentException("ARCHIVE_AUTH must be dev or core");
    }

    /** An origin as a browser sends it: {@code scheme://host[:port]}, nothing after. */
    private static String origin(String text, String key) {
        URI uri = httpUrl(text, key);
        if (uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/")) || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(key + " must list origins such as https://nexus.example (no path)");
        }
        return text.trim();
    }

    /**
     * Which tokens {@code serve} trusts, or why it must not start: Core's with {@code CORE_SERVICE_URL}; the data
     * directory's dev key only when asked for with {@code ARCHIVE_AUTH=dev} and only on a loopback address (anyone
     * who can read the data directory can mint admin tokens with it); neither is a refusal, never a silent default.
     */
    public String authProblem() {
        if (coreServiceUrl.isPresent()) {
            return null;
        }
        if (!devAuth) {
            return "no authentication is configured: set CORE_SERVICE_URL to HiveMatrix Core (production), or "
                    + "ARCHIVE_AUTH=dev for dev tokens on this machine only (./archive run sets it)";
        }
        if (!isLoopback(listener.host())) {
            return "ARCHIVE_AUTH=dev is refused on ARCHIVE_HOST=" + listener.host() + ": dev tokens are for a service on a "
                    + "loopback address (127.0.0.1, ::1); use CORE_SERVICE_URL to listen beyond this machine";
        }
        return null;
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host.replaceAll("^\\[|]$", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
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

    /**
     * The effective configuration, one {@code KEY=value} per setting in the order of docs/configuration.md's table, for the
     * start-up log: the password is never shown, nor credentials inside a URL.
     */
    public java.util.List<String> describe() {
        return java.util.List.of(
                "ARCHIVE_HOST=" + listener.host(), "ARCHIVE_PORT=" + listener.port(),
                "ARCHIVE_DB_URL=" + dbUrl.map(ArchiveSettings::masked).orElse("(embedded PostgreSQL)"),
                "ARCHIVE_DB_USER=" + dbUser.orElse("-"),
                "ARCHIVE_DB_PASSWORD=" + (dbPassword.isPresent() ? "****" : "-"),
                "ARCHIVE_MIGRATE_DB_USER=" + migrateDbUser.orElse("-"),
                "ARCHIVE_MIGRATE_DB_PASSWORD=" + (migrateDbPassword.isPresent() ? "****" : "-"),
                "ARCHIVE_ALLOW_OWNER_ROLE=" + allowOwnerRole,
                "ARCHIVE_DATA_DIR=" + dataDir, "ARCHIVE_DB_POOL_SIZE=" + dbPoolSize,
                "ARCHIVE_DB_READ_URL=" + dbReadUrl.map(ArchiveSettings::masked).orElse("-"),
                "ARCHIVE_DB_READ_USER=" + dbReadUser.orElse("-"),
                "ARCHIVE_DB_READ_PASSWORD=" + (dbReadPassword.isPresent() ? "****" : "-"),
                "ARCHIVE_DB_READ_MAX_LAG_SECONDS=" + dbReadMaxLag.toSeconds(),
                "CORE_SERVICE_URL=" + coreServiceUrl.map(u -> masked(u.toString())).orElse("-"),
                "ARCHIVE_AUTH=" + (devAuth ? "dev" : coreServiceUrl.isPresent() ? "core" : "-"),
                "ARCHIVE_ALLOWED_ORIGINS=" + (allowedOrigins.isEmpty() ? "-"
                        : String.join(",", new java.util.TreeSet<>(allowedOrigins))),
                "ARCHIVE_SNAPSHOT_WRITERS=" + String.join(",", new java.util.TreeSet<>(snapshotWriters)),
                "CODEX_URL=" + codexUrl.map(u -> masked(u.toString())).orElse("-"),
                "LEDGER_URL=" + ledgerUrl.map(u -> masked(u.toString())).orElse("-"),
                "ARCHIVE_SCHEDULER_CONCURRENCY=" + schedulerConcurrency,
                "ARCHIVE_AUDIT_SEAL_INTERVAL_MS=" + auditSealInterval.toMillis(),
                "ARCHIVE_MAX_BODY_BYTES=" + listener.maxBodyBytes(),
                "ARCHIVE_MAX_REQUEST_LINE_BYTES=" + listener.maxRequestLineBytes(),
                "ARCHIVE_MAX_HEADER_BYTES=" + listener.maxHeaderBytes(),
                "ARCHIVE_IDLE_TIMEOUT_SECONDS=" + listener.idleTimeout().toSeconds(),
                "ARCHIVE_READ_TIMEOUT_SECONDS=" + listener.readTimeout().toSeconds(),
                "ARCHIVE_MAX_CONNECTIONS=" + listener.maxConnections(),
                "ARCHIVE_MAX_CONCURRENT_EXPORTS=" + maxConcurrentExports,
                "ARCHIVE_LOG_REQUESTS=" + logRequests, "ARCHIVE_SHUTDOWN_GRACE_SECONDS=" + shutdownGrace.toSeconds(),
                "ARCHIVE_LOG_ORIGIN=" + logOrigin, "ARCHIVE_LOG_KEY=" + logKey,
                "ARCHIVE_CHECKPOINT_SECONDS=" + checkpointInterval.toSeconds(),
                "ARCHIVE_CHECKPOINT_DIR=" + checkpointDir.map(Path::toString).orElse("-"),
                "ARCHIVE_WITNESS_URL=" + witnessUrl.map(u -> masked(u.toString())).orElse("-"));
    }

    /** A URL without user:password@ and without password=… query parameters (JDBC URLs may carry one). */
    public static String masked(String url) {
        return url.replaceAll("(?<=//)[^/@]*@", "****@")
                .replaceAll("(?i)((?:^|[?&;])(?:password|pass|pwd)=)[^&;]*", "$1****");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ArchiveSettings" + describe();
    }
}
