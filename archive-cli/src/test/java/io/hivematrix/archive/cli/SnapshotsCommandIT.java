package io.hivematrix.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
        assertEquals(2, CliRun.of("snapshots", "--year", "2025").code());
        assertEquals(2, CliRun.of("snapshots", "--year", "2025", "--month", "13").code());
        assertEquals(2, CliRun.of("snapshots", "--all", "--accounts", "C01").code());
        assertEquals(2, CliRun.of("snapshots", "--year", "2025", "--month", "10", "--accounts", "not valid!").code());
    }

    @Test
    void dryRun_printsThePlan_andWritesNothing() {
        CliRun.of("snapshots", "--year", "2025", "--month", "10", "--all", "--dry-run").exitedWith(0,
                "Dry run for 2025-10: 3 company(ies)", "C02  Company 02  -> would ask Ledger to archive");
        try (PostgresDatabase db = PostgresDatabase.connect(database)) {
            assertTrue(db.jobStore().list(10, 0).isEmpty(), "a dry run stores no job");
        }
    }

    @Test
    void aRunThatCannotReachLedger_failsWithExitCode1_andSaysWhy() {
        CliRun.of("snapshots", "--year", "2025", "--month", "10", "--accounts", "C01,C03").exitedWith(1,
                "failed", "Ledger is not configured (LEDGER_URL)");
    }
}
