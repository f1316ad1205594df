package io.hivematrix.archive.adapter.postgres;

import static io.hivematrix.archive.adapter.postgres.AuditFixture.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.application.port.in.AuditTrail.Broken;
import io.hivematrix.archive.application.port.in.AuditTrail.Verification;
import io.hivematrix.archive.application.port.out.AuditLog.TotalsDrift;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.PeriodTotals;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.InMemoryMonthlyTotals;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The kept period totals are derived data: the audit verify adds the bills up again and reports a period whose totals
 * someone changed; the service's own role may read them but not write them; and a database archived before they
 * existed gets them from its bills when it migrates.
 */
class PeriodTotalsAuditIT {
    private AuditFixture db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** Five bills, of 2025-02 to 2025-06 (AuditFixture.bill), archived and sealed. */
    private void fiveSealed(TestInfo test) {
        db = AuditFixture.create(test.getTestMethod().orElseThrow().getName());
        db.saveAndSeal(5);
        db.assertIntact(5);
    }

    @Test
    void totalsChangedByTheOwner_failTheVerify_namingThePeriod(TestInfo test) {
        fiveSealed(test);
        String before = db.text("SELECT total_amount FROM period_totals WHERE billing_year = 2025 AND billing_month = 3");
        db.sql("UPDATE period_totals SET total_amount = total_amount + 0.01 WHERE billing_year = 2025 AND billing_month = 3");

        Verification v = db.verify();
        assertFalse(v.ok(), "a doctored summary went unnoticed");
        Broken broken = v.firstBroken();
        assertEquals("monthly totals of 2025-03 differ from its bills", broken.problem(), broken::toString);
        assertTrue(broken.expected().contains("total_amount=" + before), broken::toString);
        assertTrue(broken.found().contains("total_amount=" + new BigDecimal(before).add(new BigDecimal("0.01"))),
                broken::toString);
        assertEquals(5, v.checked(), "the chain itself was checked in full");

        db.sql("UPDATE period_totals SET total_amount = total_amount - 0.01 WHERE billing_year = 2025 AND billing_month = 3");
        db.assertIntact(5);
    }

    @Test
    void totalsRemovedOrInvented_failTheVerify(TestInfo test) {
        fiveSealed(test);
        db.sql("DELETE FROM period_totals WHERE billing_year = 2025 AND billing_month = 4");
        Optional<TotalsDrift> gone = db.log.firstTotalsDrift();
        assertEquals(new BillingPeriod(2025, 4), gone.orElseThrow().period());
        assertEquals("no totals", gone.get().found());

        db.sql("INSERT INTO period_totals SELECT billing_year, billing_month, 0, 1, 1, 1, 0, 0, 0, 0 FROM "
                + "(VALUES (2025::smallint, 4::smallint)) AS t(billing_year, billing_month)");
        assertTrue(db.log.firstTotalsDrift().isPresent(), "one bill's worth invented is still not its bills");

        // A period without bills may hold a row of zeros (harmless); one that claims a bill is drift.
        db.sql("DELETE FROM period_totals WHERE billing_year = 2025 AND billing_month = 4");
        db.sql("INSERT INTO period_totals SELECT billing_year, billing_month, shard, snapshots, total_amount, "
                + "total_user_charges, total_asset_charges, total_backup_charges, total_ticket_charges, "
                + "total_line_item_charges FROM (SELECT billing_year, billing_month, hashtext(company_account_number) & 7 "
                + "AS shard, count(*) AS snapshots, sum(total_amount) AS total_amount, sum(total_user_charges) AS "
                + "total_user_charges, sum(total_asset_charges) AS total_asset_charges, sum(total_backup_charges) AS "
                + "total_backup_charges, sum(total_ticket_charges) AS total_ticket_charges, sum(total_line_item_charges) "
                + "AS total_line_item_charges FROM billing_snapshots WHERE billing_year = 2025 AND billing_month = 4 "
                + "GROUP BY 1, 2, 3) t");
        db.sql("INSERT INTO period_totals VALUES (2030, 1, 0, 0, 0, 0, 0, 0, 0, 0)");
        db.assertIntact(5);
        db.sql("INSERT INTO period_totals VALUES (2030, 2, 0, 1, 0, 0, 0, 0, 0, 0)");
        TotalsDrift invented = db.log.firstTotalsDrift().orElseThrow();
        assertEquals(new BillingPeriod(2030, 2), invented.period());
        assertEquals("no bills", invented.expected());
    }

    @Test
    void theRuntimeRole_movesTheTotalsOnlyByArchivingBills(TestInfo test) throws Exception {
        db = AuditFixture.create(test.getTestMethod().orElseThrow().getName());
        assumeTrue(db.superuser(), "creating the runtime role needs a superuser or CREATEROLE");
        String role = "archive_pt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        db.sql("CREATE ROLE " + role + " LOGIN PASSWORD 'runtime-only'");
        try {
            try (PostgresDatabase owner = PostgresDatabase.connect(db.settings, 1)) {
                owner.grantRuntimeRole(role);
            }
            try (PostgresDatabase asApp = PostgresDatabase.connect(
                    new DatabaseSettings(db.settings.jdbcUrl(), role, "runtime-only", 2))) {
                var bill = AuditFixture.bill(7);
                asApp.snapshotStore().save(bill, ReceivedBody.of(AuditFixture.body(bill)), Instant.now(), null);
                List<PeriodTotals> read = asApp.monthlyTotals().allCompanies(bill.period(), bill.period());
                assertEquals(1, read.getFirst().snapshots());
                assertEquals(bill.charges().total().amount(), read.getFirst().totalAmount());
                try (Connection app = DriverManager.getConnection(db.settings.jdbcUrl(), role, "runtime-only")) {
                    assertRefused(app, "UPDATE period_totals SET snapshots = 0");
                    assertRefused(app, "DELETE FROM period_totals");
                    assertRefused(app, "INSERT INTO period_totals VALUES (2030, 1, 0, 1, 1, 1, 1, 1, 1, 1)");
                    assertRefused(app, "ALTER TABLE billing_snapshots DISABLE TRIGGER billing_snapshots_period_totals");
                }
            }
        } finally {
            db.sql("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void billsArchivedBeforeTheTotals_areAddedUpByTheMigration() {
        try (PostgresDatabase database = PostgresDatabase.connect(
                TestPostgres.newDatabase(PeriodTotalsAuditIT.class.getSimpleName() + "_backfill"))) {
            database.migrateTo("13");
            InMemorySnapshotStore reference = new InMemorySnapshotStore();
            for (int i = 1; i <= 30; i++) {
                // Three accounts' bills over ten months, from 2024-11 across the year end.
                var bill = io.hivematrix.archive.testkit.SampleSnapshots.bill("BF-" + i, "BF-ACC-" + (i % 3),
                        2024 + (10 + i / 3) / 12, 1 + (10 + i / 3) % 12);
                database.snapshotStore().save(bill, ReceivedBody.of("{}"), Instant.now(), null);
                reference.save(bill, ReceivedBody.of("{}"), Instant.now(), null);
            }
            database.migrate();
            BillingPeriod from = new BillingPeriod(2024, 1);
            BillingPeriod to = new BillingPeriod(2026, 12);
            List<PeriodTotals> expected = new InMemoryMonthlyTotals(reference).allCompanies(from, to);
            assertEquals(11, expected.size());
            assertEquals(expected, database.monthlyTotals().allCompanies(from, to));
            assertEquals(Optional.empty(), database.auditLog().firstTotalsDrift());
        }
    }
}
