package io.hivematrix.archive.embedded;

import io.hivematrix.archive.keyfiles.OwnerOnly;
import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A real PostgreSQL server started in-process from the Maven-served zonky binaries, for when no
 * {@code ARCHIVE_DB_URL} is given. Its files live in {@code <data dir>/postgres} and survive restarts, its binaries
 * in {@code <data dir>/pg-bin} (0700, so no other user can swap them); it listens on loopback only, runs with every
 * durability setting on (see {@link #DURABLE}), and every connection needs a password (scram-sha-256): the service
 * connects as a runtime role that owns nothing, migrations run as an owner role, and the superuser's password
 * stays in the data directory ({@link EmbeddedPasswords}, {@link EmbeddedRoles}).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());
    /**
     * What makes a 201 mean "on disk". The zonky library starts its servers as a test fixture would: {@code -F}
     * (fsync off) and {@code synchronous_commit=off}, so a power cut or an OS crash could lose acknowledged bills
     * or corrupt the cluster. Its {@code -c} settings come after {@code -F} on the command line and win over it.
     */
    static final Map<String, String> DURABLE = durable();
    /** Crash recovery replays at most max_wal_size of WAL (1 GB by default): tens of seconds on a slow disk. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final Path pgData;
    private final int port;
    private final EmbeddedPostgres postgres;
    private final EmbeddedPasswords passwords;
    /** The postmaster as a child of this process once it was started again after a crash; null before. */
    private volatile Process restarted;
    /** The postmaster last seen alive, or null. */
    private volatile ProcessHandle postmaster;

    private EmbeddedDatabase(Path pgData, int port, EmbeddedPostgres postgres, EmbeddedPasswords passwords) {
        this.pgData = pgData;
        this.port = port;
        this.postgres = postgres;
        this.passwords = passwords;
    }

    private static Map<String, String> durable() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        return Map.copyOf(settings);
    }

    /**
     * Starts the server on {@code <dataDir>/postgres}, creating the cluster, its passwords and its roles on first use;
     * returns once the runtime and owner roles are as they must be.
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        try {
            OwnerOnly.create(dataDir); // owner-only from the start: it holds the database, and the dev key in dev mode
            Files.createDirectories(pgData);
            boolean fresh = !Files.exists(pgData.resolve("PG_VERSION"));
            EmbeddedPasswords passwords = EmbeddedPasswords.loadOrCreate(dataDir);
            Path binaries = dataDir.resolve("pg-bin");
            OwnerOnly.create(binaries);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    // zonky passes these to initdb as --auth=… and --pwfile=…, after its own "-A trust": a new cluster
                    // asks every connection for a password from its very first start.
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", EmbeddedPasswords.superuserFile(dataDir).toString())
                    // zonky's own readiness check connects as the superuser.
                    .setConnectConfig("password", passwords.superuser())
                    .setCleanDataDirectory(false)
                    // Archive stops the server itself, after its own graceful stop has used the database to the end.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(STARTUP_WAIT);
            DURABLE.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            // zonky makes its working directory writable for all, as suits its shared /tmp/embedded-pg; this one is
            // the data directory's alone (no one else could add a file to it: that also takes the x bit).
            OwnerOnly.restrict(binaries);
            LOG.log(Level.INFO, (fresh ? "Created" : "Reopened") + " embedded PostgreSQL in " + pgData
                    + " (port " + postgres.getPort() + ")");
            EmbeddedDatabase database = new EmbeddedDatabase(pgData, postgres.getPort(), postgres, passwords);
            try {
                EmbeddedRoles.provision(database.superuserSettings(), pgData, passwords);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + pgData
                    + " (is another Archive already using this data directory?)", e);
        }
    }

    /** Whether {@code dataDir} holds a cluster already (made by an earlier start), running or not. */
    public static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"));
    }

    /** The file with the superuser's password: whoever reads it may do anything with the database. */
    public static Path superuserPasswordFile(Path dataDir) {
        return EmbeddedPasswords.superuserFile(dataDir);
    }

    /**
     * Starts watching this server: when its postmaster dies it is started again, and {@code giveUp} runs once when
     * it cannot be brought back.
     */
    public EmbeddedSupervisor supervise(Runnable giveUp) {
        return EmbeddedSupervisor.watch(this, giveUp);
    }

    /** How the service connects: as the runtime role, which owns nothing. */
    public DatabaseSettings settings(int poolSize) {
        return new DatabaseSettings(jdbcUrl(), EmbeddedPasswords.RUNTIME, passwords.runtime(), poolSize);
    }

    /** How migrations and restores connect: as the role that owns the schema. */
    public DatabaseSettings ownerSettings() {
        return new DatabaseSettings(jdbcUrl(), EmbeddedPasswords.OWNER, passwords.owner(), 2);
    }

    /** The superuser, for setting up the roles only. */
    public DatabaseSettings superuserSettings() {
        return new DatabaseSettings(jdbcUrl(), EmbeddedPasswords.SUPERUSER, passwords.superuser(), 1);
    }

    private String jdbcUrl() {
        return jdbcUrl(port);
    }

    /** The archive's database on the embedded server listening on {@code port}. */
    static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The postmaster's process id, from the first line of {@code postmaster.pid}; empty while none runs. */
    OptionalLong postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether the postmaster process is alive (it may still be starting or recovering). Asked every second: the
     * process found once is asked again, and the lock file read only when it is gone.
     */
    boolean isRunning() {
        Process child = restarted;
        if (child != null) {
            return child.isAlive();
        }
        ProcessHandle known = postmaster;
        if (known != null && known.isAlive()) {
            return true;
        }
        OptionalLong pid = postmasterPid();
        Optional<ProcessHandle> found = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
        postmaster = found.filter(ProcessHandle::isAlive).orElse(null);
        return postmaster != null;
    }

    /**
     * Starts the server again after its postmaster died (killed by the OOM killer, say), with the same command line
     * as before, so the same port, files and settings: PostgreSQL's crash recovery replays the WAL, and every
     * committed transaction is back. Returns once it accepts connections; throws when it exits or does not answer
     * within the start-up wait (a caller may try again later: backends of the dead server can hold its shared
     * memory for a moment).
     */
    synchronized void restartAfterCrash(List<String> command) throws IOException {
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IOException("PostgreSQL exited with status " + child.exitValue() + " while starting");
            }
            if (accepts()) {
                restarted = child;
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while PostgreSQL was starting", e);
            }
        }
        child.destroyForcibly();
        throw new IOException("PostgreSQL did not accept connections within " + STARTUP_WAIT.toSeconds() + " s");
    }

    /**
     * The postmaster's command line as it runs now (program and arguments), to start it the same way after a
     * crash; read while it is alive, since a dead process tells nothing.
     */
    Optional<List<String>> postmasterCommand() {
        OptionalLong pid = postmasterPid();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::info).flatMap(info -> info.command().map(program -> {
            List<String> command = new ArrayList<>();
            if (LinuxUtils.isUnshareAvailable()) {
                // As zonky does for root: PostgreSQL refuses to run as root, but runs in a user namespace of its own.
                command.addAll(List.of("unshare", "-U"));
            }
            command.add(program);
            command.addAll(List.of(info.arguments().orElse(new String[0])));
            return command;
        }));
    }

    /** Whether the server accepts a connection and answers a query now. */
    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        } catch (IOException e) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(), EmbeddedPasswords.SUPERUSER, passwords.superuser())) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false; // still starting up or recovering
        }
    }

    /** Stops the server (and one started again after a crash). */
    @Override
    public void close() {
        try {
            // pg_ctl stop reads postmaster.pid, so it also stops a server restarted after a crash.
            postgres.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "embedded PostgreSQL did not stop cleanly", e);
        }
        Process child = restarted;
        if (child != null && child.isAlive()) {
            child.destroy();
        }
    }
}
