package io.hivematrix.archive.adapter.postgres.testing;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Two real PostgreSQL 17 servers in streaming replication on loopback, for the read-replica tests: a primary (zonky's
 * embedded server, whose initdb already allows replication from loopback) and a hot standby made from it with a
 * low-level base backup ({@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop}) and fed
 * through a replication slot, so the primary keeps every WAL segment the standby has not received. The standby can be
 * paused, stopped and started again on the same port. Database {@code archive} on both; user {@code postgres}.
 */
public final class ReplicatedPostgres implements AutoCloseable {
    private static final String DATABASE = "archive";
    private static final String SLOT = "archive_test_replica";
    /** Not copied into the standby: the primary's own process files, zonky's lock, and WAL it streams anyway. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp");

    private final EmbeddedPostgres primary;
    private final Path standbyDirectory;
    private final int standbyPort;
    private EmbeddedPostgres standby;

    private ReplicatedPostgres(EmbeddedPostgres primary, Path standbyDirectory, int standbyPort,
                               EmbeddedPostgres standby) {
        this.primary = primary;
        this.standbyDirectory = standbyDirectory;
        this.standbyPort = standbyPort;
        this.standby = standby;
    }

    /** Starts the primary, creates database {@code archive}, makes the standby from it and starts it streaming. */
    public static ReplicatedPostgres start() {
        EmbeddedPostgres primary = null;
        Path directory = null;
        try {
            // Commits on the primary wait for the standby's apply only in sessions that ask (remote_apply).
            primary = EmbeddedPostgres.builder().setServerConfig("synchronous_standby_names", "'*'")
                    .setServerConfig("synchronous_commit", "local").start();
            try (Connection c = primary.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + DATABASE);
            }
            directory = Files.createTempDirectory("archive-standby");
            baseBackup(primary, directory);
            EmbeddedPostgres standby = startStandby(directory, 0);
            ReplicatedPostgres pair = new ReplicatedPostgres(primary, directory, standby.getPort(), standby);
            pair.awaitCaughtUp(Duration.ofSeconds(30));
            return pair;
        } catch (IOException | SQLException e) {
            closeQuietly(primary);
            deleteQuietly(directory);
            throw new IllegalStateException("could not start a primary and its streaming replica", e);
        }
    }

    /** Settings for the primary's database {@code archive}; {@code sessionOptions} such as {@code -c synchronous_commit=remote_apply}. */
    public DatabaseSettings primary(String sessionOptions) {
        String url = "jdbc:postgresql://127.0.0.1:" + primary.getPort() + "/" + DATABASE
                + (sessionOptions.isEmpty() ? "" : "?options=" + sessionOptions.replace(" ", "%20").replace("=", "%3D"));
        return new DatabaseSettings(url, "postgres", "postgres", 10);
    }

    /** Settings for the standby's copy of database {@code archive}. */
    public DatabaseSettings replica() {
        return new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + standbyPort + "/" + DATABASE, "postgres",
                "postgres", 10);
    }

    /**
     * Makes database {@code archive} owned by a new owner role, with a runtime role that owns nothing beside it (the
     * production shape; roles are in the primary's catalog, so the standby has them too). Both servers trust
     * loopback, so the passwords are only carried along.
     */
    public TestPostgres.Roles withRoles() {
        String url = primary("").jdbcUrl();
        execute(primary(""), "CREATE ROLE archive_owner LOGIN PASSWORD 'owner-password'");
        execute(primary(""), "CREATE ROLE archive_runtime LOGIN PASSWORD 'runtime-password'");
        execute(primary(""), "ALTER DATABASE " + DATABASE + " OWNER TO archive_owner");
        execute(primary(""), "ALTER SCHEMA public OWNER TO archive_owner");
        return new TestPostgres.Roles(new DatabaseSettings(url, "archive_owner", "owner-password", 4),
                new DatabaseSettings(url, "archive_runtime", "runtime-password", 10));
    }

    /** Runs {@code sql} as the superuser on the primary's database {@code archive}. */
    public void onPrimary(String sql) {
        execute(primary(""), sql);
    }

    /** Holds the standby's replay (it keeps receiving WAL): what it serves stops moving. */
    public void pauseReplay() {
        execute(replica(), "SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        execute(replica(), "SELECT pg_wal_replay_resume()");
    }

    /** Stops the standby (fast shutdown); its data directory stays for {@link #startReplica()}. */
    public void stopReplica() {
        closeQuietly(standby);
        standby = null;
    }

    /**
     * Freezes every process of the standby (SIGSTOP): it still accepts connections at the kernel's level but
     * answers nothing, as a server with a hung disk or a stalled VM; {@link #thawReplica()} lets it go on.
     */
    public void freezeReplica() {
        signalReplica("-STOP");
    }

    public void thawReplica() {
        signalReplica("-CONT");
    }

    /**
     * Sends {@code signal} to the standby's postmaster first (it must take it: once stopped it forks no new backend),
     * then to each of its processes; a backend that exited meanwhile (a connection closing) is no error.
     */
    private void signalReplica(String signal) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(standbyDirectory.resolve("postmaster.pid")).getFirst()
                    .trim());
            if (kill(signal, postmaster) != 0) {
                throw new IllegalStateException("kill " + signal + " " + postmaster + " failed");
            }
            for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().descendants().toList()) {
                kill(signal, child.pid());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int kill(String signal, long pid) throws IOException, InterruptedException {
        return new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** Starts the standby again on its port; it catches up from the slot. */
    public void startReplica() {
        try {
            standby = startStandby(standbyDirectory, standbyPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the standby has replayed everything the primary had written when this was called. */
    public void awaitCaughtUp(Duration atMost) {
        long target = position(primary(""), "SELECT (pg_current_wal_lsn() - '0/0')::bigint");
        long deadline = System.nanoTime() + atMost.toNanos();
        while (position(replica(), "SELECT (pg_last_wal_replay_lsn() - '0/0')::bigint") < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the standby did not catch up within " + atMost);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private static long position(DatabaseSettings settings, String sql) {
        try (Connection c = connect(settings); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void execute(DatabaseSettings settings, String sql) {
        try (Connection c = connect(settings); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static Connection connect(DatabaseSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    /**
     * A low-level base backup of {@code primary} into {@code target}, as the documentation describes it: one session
     * holds the backup open while the files are copied, its stop gives the backup label; the standby then streams
     * from the slot made first, which keeps the WAL from the backup's start.
     */
    private static void baseBackup(EmbeddedPostgres primary, Path target) throws SQLException, IOException {
        try (Connection c = primary.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            Path source;
            try (ResultSet rs = st.executeQuery("SELECT setting FROM pg_settings WHERE name = 'data_directory'")) {
                rs.next();
                source = Path.of(rs.getString(1));
            }
            st.execute("SELECT pg_backup_start('archive-test-replica', true)");
            copy(source, target);
            try (ResultSet rs = st.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) {
                rs.next();
                Files.writeString(target.resolve("backup_label"), rs.getString(1));
            }
            Files.writeString(target.resolve("standby.signal"), "");
            Files.writeString(target.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port="
                    + primary.getPort() + " user=postgres application_name=archive_test_replica'\n"
                    + "primary_slot_name = '" + SLOT + "'\n", java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** Copies a live data directory; files that vanish while it runs (temporary ones) are skipped, as pg_basebackup does. */
    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = source.relativize(path);
                if (relative.getNameCount() == 0 || NOT_COPIED.contains(relative.toString())
                        || relative.getNameCount() > 1 && EMPTIED.contains(relative.getName(0).toString())
                        && !relative.endsWith("archive_status") && !relative.endsWith("summaries")) {
                    continue;
                }
                try {
                    Files.copy(path, target.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException | FileAlreadyExistsException vanishedOrThere) {
                    // a temporary file gone since the walk saw it; or a directory made for an earlier file
                }
            }
        }
    }

    private static EmbeddedPostgres startStandby(Path directory, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(directory)
                .setCleanDataDirectory(false).setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException | RuntimeException ignored) {
                // a test's server going away; nothing to do about it
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory; the machine's cleanup takes what is left
        }
    }

    @Override
    public void close() {
        closeQuietly(standby);
        closeQuietly(primary);
        deleteQuietly(standbyDirectory);
    }
}
