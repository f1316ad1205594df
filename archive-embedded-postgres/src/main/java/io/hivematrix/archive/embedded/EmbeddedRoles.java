package io.hivematrix.archive.embedded;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Sets up the embedded server's two roles at each start, as its superuser: {@code archive_owner} owns the schema and
 * everything in it (and runs the migrations), {@code archive_app} is what the service connects as and owns nothing
 * (its grants come with the migrations: {@code RuntimeGrants}). A data directory made by an older Archive, whose
 * server let anyone on the machine in as superuser ({@code trust}), gets a superuser password, its objects move to
 * the owner, and its {@code pg_hba.conf} asks every connection for a password from then on.
 */
final class EmbeddedRoles {
    private static final System.Logger LOG = System.getLogger(EmbeddedRoles.class.getName());

    /** Every connection, local or over loopback, authenticates with scram-sha-256. */
    static final String HBA = """
            # Written by Archive: every connection needs a password (scram-sha-256). The superuser's is in
            # ../db-passwords/postgres; the service connects as archive_app, migrations as archive_owner.
            local all all               scram-sha-256
            host  all all 127.0.0.1/32  scram-sha-256
            host  all all ::1/128       scram-sha-256
            """;

    private EmbeddedRoles() {
    }

    static void provision(DatabaseSettings superuser, Path pgData, EmbeddedPasswords passwords) {
        Path hba = pgData.resolve("pg_hba.conf");
        try (Connection c = DriverManager.getConnection(superuser.jdbcUrl(), superuser.user(), superuser.password());
             Statement s = c.createStatement()) {
            // The statements below carry passwords: the server must not write them to its log, even when one fails.
            s.execute("SET log_statement = 'none'");
            s.execute("SET log_min_error_statement = panic");
            boolean trusting = trusts(hba);
            if (trusting) {
                s.execute("ALTER ROLE " + EmbeddedPasswords.SUPERUSER + " PASSWORD '" + passwords.superuser() + "'");
            }
            s.execute(roles(passwords));
            if (trusting) {
                Path written = hba.resolveSibling("pg_hba.conf.archive");
                Files.writeString(written, HBA, StandardCharsets.UTF_8);
                Files.move(written, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                s.execute("SELECT pg_reload_conf()");
                LOG.log(Level.WARNING, "The embedded PostgreSQL in " + pgData + " let every local user in as its "
                        + "superuser without a password (made by an older Archive): it now asks for passwords "
                        + "(scram-sha-256), kept in " + pgData.resolveSibling(EmbeddedPasswords.DIRECTORY));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the roles of the embedded PostgreSQL in " + pgData, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + hba, e);
        }
    }

    /** Whether any rule of the file lets a connection in without a password. */
    static boolean trusts(Path hba) throws IOException {
        return Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("#.*$", "").trim())
                .filter(line -> !line.isEmpty())
                .anyMatch(line -> line.matches(".*\\s(trust|password)(\\s.*)?$"));
    }

    /**
     * Creates the roles or brings them back to what they must be (no superuser, no CREATEROLE, today's passwords),
     * and hands the schema and every object in it that the superuser still owns (an older data directory's) to the
     * owner. Extension members stay where they are: they belong to their extension.
     */
    private static String roles(EmbeddedPasswords p) {
        String limits = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ";
        return """
                DO $$
                DECLARE r record;
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN CREATE ROLE %1$s; END IF;
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%2$s') THEN CREATE ROLE %2$s; END IF;
                    ALTER ROLE %1$s %3$s '%4$s';
                    ALTER ROLE %2$s %3$s '%5$s';
                    -- the owner creates the pg_trgm extension (a trusted one) in migration V2
                    GRANT CREATE ON DATABASE postgres TO %1$s;
                    ALTER SCHEMA public OWNER TO %1$s;
                    FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                              WHERE c.relnamespace = 'public'::regnamespace AND c.relowner <> '%1$s'::regrole
                                AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                                AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e')) LOOP
                        EXECUTE format('ALTER %%s %%s OWNER TO %1$s',
                                CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                     WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                                r.name);
                    END LOOP;
                    FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                              WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '%1$s'::regrole
                                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                                AND d.objid = p.oid AND d.deptype = 'e') LOOP
                        EXECUTE format('ALTER ROUTINE %%s OWNER TO %1$s', r.name);
                    END LOOP;
                END
                $$""".formatted(EmbeddedPasswords.OWNER, EmbeddedPasswords.RUNTIME, limits, p.owner(), p.runtime());
    }
}
