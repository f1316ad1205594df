package io.hivematrix.archive.adapter.postgres.testing;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place tests get PostgreSQL from: one server per test JVM, a fresh database per caller.
 *
 * <p>Which server: {@code ARCHIVE_TEST_DB_URL} (+ {@code ARCHIVE_TEST_DB_USER}/{@code _PASSWORD}) names an
 * external one whose user may create databases; {@code ARCHIVE_TEST_DB=testcontainers} asks for a
 * Testcontainers PostgreSQL 17 when a Docker engine answers; otherwise an embedded PostgreSQL 17 starts
 * in-process from the zonky binaries.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    private TestPostgres() {
    }

    /** A new, empty database on the shared server, named after the test class for readable logs. */
    public static DatabaseSettings newDatabase(Class<?> owner) {
        return newDatabase(owner.getSimpleName());
    }

    /** A new database named after {@code owner}, migrated to this build's schema, and a pool connected to it. */
    public static PostgresDatabase migrated(Class<?> owner) {
        PostgresDatabase database = PostgresDatabase.connect(newDatabase(owner));
        database.migrate();
        return database;
    }

    /** As {@link #migrated(Class)}, with the archive times left to the test (see {@link #letTestsChooseArchiveTimes}). */
    public static PostgresDatabase migratedChoosingArchiveTimes(Class<?> owner) {
        DatabaseSettings settings = newDatabase(owner);
        PostgresDatabase database = PostgresDatabase.connect(settings);
        database.migrate();
        letTestsChooseArchiveTimes(settings);
        return database;
    }

    /** A new, empty database named after {@code label} (a test's name, say); other characters become '_'. */
    public static DatabaseSettings newDatabase(String label) {
        Server s = server();
        String name = ("t" + DATABASES.incrementAndGet() + "_" + label).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        name = name.substring(0, Math.min(name.length(), 60));
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new DatabaseSettings(s.urlFor(name), s.user(), s.password(), 10);
    }

    /** A database owned by a role of its own, and a runtime role that owns nothing and has no grants yet. */
    public record Roles(DatabaseSettings owner, DatabaseSettings runtime) {
        /** The service's settings for this pair (as its environment names them): it serves as one, migrates as the other. */
        public java.util.Map<String, String> serviceSettings() {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            values.put("ARCHIVE_DB_URL", runtime.jdbcUrl());
            values.put("ARCHIVE_DB_USER", runtime.user());
            values.put("ARCHIVE_DB_PASSWORD", runtime.password());
            values.put("ARCHIVE_MIGRATE_DB_USER", owner.user());
            values.put("ARCHIVE_MIGRATE_DB_PASSWORD", owner.password());
            return values;
        }
    }

    /**
     * A new database owned by a new owner role, with a new runtime role beside it (roles are cluster-wide, so both are
     * named after the database): the production shape, for the service to migrate as the one and serve as the other.
     * Needs a server user that may create roles.
     */
    public static Roles newDatabaseWithRoles(Class<?> owner) {
        DatabaseSettings database = newDatabase(owner);
        String name = database.jdbcUrl().replaceFirst("^.*/", "").replaceFirst("[?].*$", "");
        String ownerRole = "o_" + name;
        String runtimeRole = "r_" + name;
        String ownerPassword = "owner-" + java.util.UUID.randomUUID();
        String runtimePassword = "runtime-" + java.util.UUID.randomUUID();
        Server s = server();
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE ROLE \"" + ownerRole + "\" LOGIN PASSWORD '" + ownerPassword + "'");
            st.execute("CREATE ROLE \"" + runtimeRole + "\" LOGIN PASSWORD '" + runtimePassword + "'");
            st.execute("ALTER DATABASE \"" + name + "\" OWNER TO \"" + ownerRole + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the roles of test database " + name, e);
        }
        // On PostgreSQL 15+ the database's owner owns schema public; before, it must be given to it.
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("ALTER SCHEMA public OWNER TO \"" + ownerRole + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not hand schema public of " + name + " to its owner", e);
        }
        return new Roles(new DatabaseSettings(database.jdbcUrl(), ownerRole, ownerPassword, 4),
                new DatabaseSettings(database.jdbcUrl(), runtimeRole, runtimePassword, 10));
    }

    /**
     * Lets the tests of one migrated database choose their snapshots' archive times: switches off, in that database
     * only, the trigger that sets {@code archived_at} from the database's clock (migration V13). For tests of what
     * depends on archive times (ordering, date filters, keyset paging), which must place rows at instants of their
     * own; the trigger itself is tested with it on (DatabaseSetsFactsIT). Needs the tables' owner, which a test
     * database's user is.
     */
    public static void letTestsChooseArchiveTimes(DatabaseSettings database) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement st = c.createStatement()) {
            st.execute("ALTER TABLE billing_snapshots DISABLE TRIGGER billing_snapshots_archived_at");
        } catch (SQLException e) {
            throw new IllegalStateException("could not switch off the archived_at trigger", e);
        }
    }

    /** Where the shared server came from, for test logs. */
    public static String describe() {
        return server().kind();
    }

    private static synchronized Server server() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    private static Server start() {
        String url = System.getenv("ARCHIVE_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return Server.external(url, System.getenv("ARCHIVE_TEST_DB_USER"), System.getenv("ARCHIVE_TEST_DB_PASSWORD"));
        }
        if ("testcontainers".equalsIgnoreCase(System.getenv("ARCHIVE_TEST_DB"))) {
            Server containerized = ContainerPostgres.startIfDockerAnswers();
            if (containerized != null) {
                return containerized;
            }
            System.err.println("ARCHIVE_TEST_DB=testcontainers but no Docker engine answers; using embedded PostgreSQL");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // the JVM is going away; the temporary data directory goes with it
                }
            }));
            String base = "jdbc:postgresql://localhost:" + pg.getPort() + "/";
            return new Server("embedded PostgreSQL on port " + pg.getPort(), base + "postgres", base, "postgres", "postgres");
        } catch (Exception e) {
            throw new IllegalStateException("could not start embedded PostgreSQL", e);
        }
    }

    /** A running server: how to administer it and how to address one of its databases. */
    record Server(String kind, String adminUrl, String urlPrefix, String user, String password) {
        static Server external(String url, String user, String password) {
            int slash = url.lastIndexOf('/');
            int query = url.indexOf('?', slash);
            String prefix = url.substring(0, slash + 1);
            String suffix = query < 0 ? "" : url.substring(query);
            return new Server("external PostgreSQL " + prefix, url, prefix + "%s" + suffix, user, password);
        }

        String urlFor(String database) {
            return urlPrefix.contains("%s") ? urlPrefix.formatted(database) : urlPrefix + database;
        }
    }
}
