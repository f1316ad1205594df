package io.hivematrix.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code archive verify} checks and changes nothing: run as the runtime role against a schema older than this
 * build's, it says to migrate first (exit 2) and leaves the schema as it was; once migrated, it verifies.
 */
class VerifyCommandIT {
    private Map<String, String> settings = Map.of();

    @AfterEach
    void clear() {
        settings.keySet().forEach(System::clearProperty);
    }

    @Test
    void anOlderSchemaIsNamedNotMigrated_thenTheCurrentOneVerifies() throws Exception {
        TestPostgres.Roles roles = TestPostgres.newDatabaseWithRoles(VerifyCommandIT.class);
        try (PostgresDatabase owner = PostgresDatabase.connect(roles.owner(), 1)) {
            owner.migrateTo("11");
        }
        // What an older Archive's README granted: enough to read the schema's version.
        try (Connection c = DriverManager.getConnection(roles.owner().jdbcUrl(), roles.owner().user(),
                roles.owner().password()); Statement s = c.createStatement()) {
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"" + roles.runtime().user() + "\"");
        }
        settings = roles.serviceSettings();
        settings.forEach(System::setProperty);

        Result old = run("verify");
        assertEquals(2, old.code(), old.all());
        assertTrue(old.err().contains("schema is at version 11") && old.err().contains("archive migrate"), old.all());
        try (PostgresDatabase owner = PostgresDatabase.connect(roles.owner(), 1)) {
            assertEquals("11", owner.schemaVersion().orElseThrow(), "verify migrated nothing");
        }

        Result migrated = run("migrate");
        assertEquals(0, migrated.code(), migrated.all());
        Result verified = run("verify");
        assertEquals(0, verified.code(), verified.all());
        assertTrue(verified.out().contains("ok"), verified.all());
    }

    private record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            System.setOut(po);
            System.setErr(pe);
            int code = new CommandLine(new Main()).execute(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
