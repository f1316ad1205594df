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
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    /** The server's settings, on every start: UTC, loopback only, and {@link #DURABLE}. */
    private static final Map<String, String> SERVER = server();
    /** zonky's lock file in the cluster's directory, which a direct start takes too. */
    private static final String LOCK_FILE = "epg-lock";
    /** How often a start looks whether the server answers; a restart after a crash is in no hurry. */
    private static final Duration START_POLL = Duration.ofMillis(10);
    private static final Duration CRASH_POLL = Duration.ofMillis(100);
    /** Crash recovery replays at most max_wal_size of WAL (1 GB by default): tens of seconds on a slow disk. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final Path pgData;
    private final int port;
    private final EmbeddedPasswords passwords;
    /** The server zonky started, which its {@code pg_ctl stop} stops; null for one started directly. */
    private final EmbeddedPostgres zonky;
    /** For a server started directly, the lock on its cluster, held until it stopped; null for zonky's. */
    private final FileChannel lock;
    /**
     * Whether the postmaster runs in a user namespace of its own ({@code unshare -U}, as zonky runs it for root),
     * so that a restart after a crash does too.
     */
    private final boolean unshare;
    /**
     * The postmaster as a child of this process: one started directly, or again after a crash; null while the one
     * zonky started (not a child: pg_ctl's) runs.
     */
    private volatile Process restarted;
    /** The postmaster last seen alive, or null. */
    private volatile ProcessHandle postmaster;

    private EmbeddedDatabase(Path pgData, int port, EmbeddedPasswords passwords, EmbeddedPostgres zonky,
                             FileChannel lock, boolean unshare) {
        this.pgData = pgData;
        this.port = port;
        this.passwords = passwords;
        this.zonky = zonky;
        this.lock = lock;
        this.unshare = unshare;
    }

    private static Map<String, String> server() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("timezone", "UTC"); // zonky's default, kept for a server started directly
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("max_connections", "100");
        // Its log goes to Archive's stderr (from a direct start or a restart after a crash): its LOG, ERROR and FATAL
        // lines, not the WARNINGs every start's grants draw (REVOKE on the pg_trgm functions, which the owner cannot
        // revoke and the runtime role never had), which would be thirty lines of noise per start.
        settings.put("log_min_messages", "error");
        settings.putAll(DURABLE);
        return java.util.Collections.unmodifiableMap(settings);
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
            Optional<DirectStart.Binaries> remembered = fresh || !Files.exists(pgData.resolve("postgresql.conf"))
                    ? Optional.empty() : DirectStart.remembered(binaries);
            EmbeddedDatabase database = remembered.isPresent()
                    ? startDirectly(pgData, remembered.get(), passwords)
                    : startWithZonky(dataDir, pgData, binaries, passwords);
            LOG.log(Level.INFO, (fresh ? "Created" : "Reopened") + " embedded PostgreSQL in " + pgData
                    + " (port " + database.port + ")");
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

    /** A first start (initdb, unpacking the binaries) or one with new binaries: zonky's, remembered for the next. */
    private static EmbeddedDatabase startWithZonky(Path dataDir, Path pgData, Path binaries, EmbeddedPasswords passwords)
            throws IOException {
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
                .setPGStartupWait(STARTUP_WAIT);
        SERVER.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        // zonky makes its working directory writable for all, as suits its shared /tmp/embedded-pg; this one is
        // the data directory's alone (no one else could add a file to it: that also takes the x bit).
        OwnerOnly.restrict(binaries);
        // zonky knows by now (it asked when it ran pg_ctl); asking costs three processes the first time.
        EmbeddedDatabase database = new EmbeddedDatabase(pgData, postgres.getPort(), passwords, postgres, null,
                LinuxUtils.isUnshareAvailable());
        database.postmasterCommand().flatMap(command -> command.stream().filter(arg -> arg.endsWith("/bin/postgres"))
                        .findFirst())
                .ifPresent(binary -> DirectStart.remember(binaries, Path.of(binary), database.unshare));
        return database;
    }

    /**
     * A restart on an existing cluster: its postmaster started at once with the remembered binaries, and looked for
     * every 10 ms until it answers (about 0.15 s after a clean stop; crash recovery first replays the WAL).
     */
    private static EmbeddedDatabase startDirectly(Path pgData, DirectStart.Binaries binaries, EmbeddedPasswords passwords)
            throws IOException {
        // The lock zonky takes too: one Archive per data directory, however each started its server.
        FileChannel lock = FileChannel.open(pgData.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            if (!tryLock(lock)) {
                throw new IOException("could not lock " + pgData.resolve(LOCK_FILE));
            }
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            EmbeddedDatabase database = new EmbeddedDatabase(pgData, port, passwords, null, lock, binaries.unshare());
            database.startAndAwait(binaries.command(pgData, port, SERVER), START_POLL);
            return database;
        } catch (IOException | RuntimeException e) {
            lock.close(); // releases the lock
            throw e;
        }
    }

    /** Takes the lock, held by another process (null) or by this one (an exception) or free. */
    private static boolean tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    /** Whether this server was started directly (a restart), not through zonky. */
    boolean startedDirectly() {
        return zonky == null;
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
        startAndAwait(command, CRASH_POLL);
    }

    /** Starts the postmaster with {@code command} and returns once it answers; throws when it exits or never does. */
    private void startAndAwait(List<String> command, Duration poll) throws IOException {
        // Its log lines go where Archive's go (stderr): stdout belongs to a command's output.
        Process child = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
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
                Thread.sleep(poll);
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
     * Stops the postmaster as {@code pg_ctl stop} does by default: a fast shutdown (SIGINT: open sessions are ended,
     * a checkpoint written), then waits for it to exit.
     */
    private void stopFast() throws IOException {
        OptionalLong pid = postmasterPid();
        Optional<ProcessHandle> postmaster = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
        if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
            return;
        }
        try {
            // The JDK sends only SIGTERM (a smart shutdown, which waits for every client) and SIGKILL.
            new ProcessBuilder("kill", "-INT", Long.toString(pid.getAsLong())).inheritIO().start().waitFor();
            postmaster.get().onExit().get(STARTUP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while PostgreSQL was stopping", e);
        } catch (ExecutionException | TimeoutException e) {
            postmaster.get().destroyForcibly();
            throw new IOException("PostgreSQL did not stop within " + STARTUP_WAIT.toSeconds() + " s", e);
        }
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
            if (unshare) {
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
            // Both read postmaster.pid, so they also stop a server restarted after a crash.
            if (zonky != null) {
                zonky.close();
            } else {
                try {
                    stopFast();
                } finally {
                    lock.close(); // releases the lock
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "embedded PostgreSQL did not stop cleanly", e);
        }
        Process child = restarted;
        if (child != null && child.isAlive()) {
            child.destroy();
        }
    }
}
