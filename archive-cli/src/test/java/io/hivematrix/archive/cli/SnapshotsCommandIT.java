package io.hivematrix.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI keeps the original scheduled_snapshots.py flags and exit codes. */
class SnapshotsCommandIT {
    private static final String[] KEYS = {"ARCHIVE_DB_URL", "ARCHIVE_DB_USER", "ARCHIVE_DB_PASSWORD", "CODEX_URL",
        "LEDGER_URL"};
    private FakeCodexServer codex;
    private DatabaseSettings database;

    @BeforeEach
    void neighbours() {
        codex = new FakeCodexServer(3);
        database = TestPostgres.newDatabase(SnapshotsCommandIT.class);
        System.setProperty("ARCHIVE_DB_URL", database.jdbcUrl());
        System.setProperty("ARCHIVE_DB_USER", database.user());
        if (database.password() != null) {
            System.setProperty("ARCHIVE_DB_PASSWORD", database.password());
        }
        System.setProperty("CODEX_URL", codex.uri().toString());
    }

    @AfterEach
    void clear() {
        for (String key : KEYS) {
            System.clearProperty(key);
        }
        codex.close();
    }

    @Test
    void badFlagCombinations_exitWith2() {
        assertEquals(2, run("snapshots", "--year", "2025").exitCode());
        assertEquals(2, run("snapshots", "--year", "2025", "--month", "13").exitCode());
        assertEquals(2, run("snapshots", "--all", "--accounts", "C01").exitCode());
        assertEquals(2, run("snapshots", "--year", "2025", "--month", "10", "--accounts", "not valid!").exitCode());
    }

    @Test
    void dryRun_printsThePlan_andWritesNothing() {
        Result result = run("snapshots", "--year", "2025", "--month", "10", "--all", "--dry-run");
        assertEquals(0, result.exitCode(), result.out());
        assertTrue(result.out().contains("Dry run for 2025-10: 3 company(ies)"), result.out());
        assertTrue(result.out().contains("C02  Company 02  -> would ask Ledger to archive"), result.out());
        try (PostgresDatabase db = PostgresDatabase.connect(database)) {
            assertTrue(db.jobStore().list(10, 0).isEmpty(), "a dry run stores no job");
        }
    }

    @Test
    void aRunThatCannotReachLedger_failsWithExitCode1_andSaysWhy() {
        Result result = run("snapshots", "--year", "2025", "--month", "10", "--accounts", "C01,C03");
        assertEquals(1, result.exitCode(), result.out());
        assertTrue(result.out().contains("failed"), result.out());
        assertTrue(result.out().contains("Ledger is not configured (LEDGER_URL)"), result.out());
    }

    private record Result(int exitCode, String out) {
    }

    private static Result run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            int code = new CommandLine(new Main()).execute(args);
            return new Result(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
