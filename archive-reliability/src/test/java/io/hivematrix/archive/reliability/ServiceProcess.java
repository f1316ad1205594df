package io.hivematrix.archive.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code archive-cli.jar serve}) as a child process on its own port, configured only
 * through its environment, as an operator runs it. {@link #kill()} is SIGKILL: no shutdown hook runs.
 */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    private ServiceProcess(Map<String, String> env, Path log, int port) {
        this.env = env;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the service against {@code jdbcUrl} with Core at {@code core} and any further settings, and
     * waits until {@code /health} answers 200.
     */
    static ServiceProcess start(String name, String jdbcUrl, URI core, Map<String, String> settings) {
        Map<String, String> database = new HashMap<>(settings);
        database.put("ARCHIVE_DB_URL", jdbcUrl);
        database.put("ARCHIVE_DB_USER", "postgres");
        // The test server's superuser, allowed as such: these tests are about failures, RestrictedRoleIT about roles.
        database.put("ARCHIVE_ALLOW_OWNER_ROLE", "true");
        return startWith(name, core, database);
    }

    /** As {@link #start}, in the default mode: no database URL, so the service runs its embedded PostgreSQL. */
    static ServiceProcess startEmbedded(String name, URI core, Map<String, String> settings) {
        return startWith(name, core, settings);
    }

    private static ServiceProcess startWith(String name, URI core, Map<String, String> settings) {
        try {
            Path dir = Files.createTempDirectory("reliability-" + name);
            int port = FreePorts.next();
            Map<String, String> env = new HashMap<>();
            env.put("ARCHIVE_PORT", Integer.toString(port));
            env.put("ARCHIVE_DATA_DIR", dir.toString());
            env.put("CORE_SERVICE_URL", core.toString());
            env.putAll(settings);
            ServiceProcess service = new ServiceProcess(env, dir.resolve("archive.log"), port);
            service.launch();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's data directory (the embedded database lives in its {@code postgres} folder). */
    Path dataDir() {
        return Path.of(env.get("ARCHIVE_DATA_DIR"));
    }

    /** Whether the service process still runs. */
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits up to {@code limit} for the process to end by itself; its exit code, or empty if it still runs. */
    java.util.OptionalInt awaitOwnExit(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)
                    ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.empty();
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM (the service's own shutdown), then waits. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            awaitExit();
        }
    }

    /** Starts the same service again: same port, database and settings. */
    void restart() {
        stop();
        launch();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive() && !env.containsKey("ARCHIVE_DB_URL")) {
            stop(); // SIGTERM: the service stops its embedded PostgreSQL, which a SIGKILL would leave running
        }
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    private void launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("archive.cli.jar", "../archive-cli/target/archive-cli.jar");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar, "serve"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + jar, e);
        }
        awaitHealthy();
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpResponse<Void> res = HTTP.send(HttpRequest.newBuilder(uri().resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("the service was not healthy within 90 s:\n" + logText());
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
