package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.dbclient.DbClientException;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.application.fake.SampleSnapshots;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The snapshot-store contract against real PostgreSQL, plus what only a database can get wrong. */
class PostgresSnapshotStoreIT extends SnapshotStoreContract {
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = PostgresDatabase.connect(TestPostgres.newDatabase(PostgresSnapshotStoreIT.class));
        database.migrate();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected SnapshotStore newStore() {
        return database.snapshotStore();
    }

    @Test
    void aFailingLineItem_leavesNoSnapshotBehind() {
        Snapshot valid = SampleSnapshots.bill("900001", 2025, 10);
        // A line name longer than its column passes no domain rule we skip on purpose here: we
        // forge the failure in the database to prove the transaction spans snapshot and lines.
        List<LineItem> items = new ArrayList<>(valid.lineItems());
        items.add(new LineItem(LineType.CUSTOM, "x".repeat(255), "d", BigDecimal.ONE, BigDecimal.ONE, Money.of("1")));
        Snapshot broken = withItems(valid, items);
        database.dbClient().execute().dml("ALTER TABLE snapshot_line_items ADD CONSTRAINT no_long_names "
                + "CHECK (length(item_name) < 200) NOT VALID");
        try {
            assertThrows(DbClientException.class, () -> store.save(broken, null, Instant.now()));
        } finally {
            database.dbClient().execute().dml("ALTER TABLE snapshot_line_items DROP CONSTRAINT no_long_names");
        }
        assertEquals(0, store.findByAccount(new AccountNumber("900001")).size());
    }

    @Test
    void migrationsAreIdempotent() {
        assertEquals(0, database.migrate());
    }

    @Test
    void aThousandsOfLinesBill_isStoredInChunks_andInOrder() {
        Snapshot valid = SampleSnapshots.bill("900002", 2025, 10);
        List<LineItem> items = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            items.add(new LineItem(LineType.ASSET, "WS-" + i, null, BigDecimal.ONE, new BigDecimal("15"),
                    Money.of("15")));
        }
        store.save(withItems(valid, items), null, Instant.now());
        List<LineItem> read = store.findByInvoiceNumber(valid.invoiceNumber()).orElseThrow().snapshot().lineItems();
        assertEquals(items, read);
    }

    private static Snapshot withItems(Snapshot s, List<LineItem> items) {
        return new Snapshot(s.invoiceNumber(), s.accountNumber(), s.companyName(), s.period(), s.invoiceDate(),
                s.dueDate(), s.billingPlan(), s.contractTerm(), s.supportLevel(), s.totalAmount(),
                s.totalUserCharges(), s.totalAssetCharges(), s.totalBackupCharges(), s.totalTicketCharges(),
                s.totalLineItemCharges(), s.userCount(), s.assetCount(), s.billableHours(), s.billingData(),
                s.invoiceCsv(), items, s.createdBy(), s.notes());
    }
}
