package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.dbclient.DbClientException;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.BillBuilder;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Sha256;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The snapshot-store contract against real PostgreSQL, plus what only a database can get wrong. The contract places
 * rows at archive times of its choosing, so this database lets it (the trigger that stamps the database's clock is
 * off here; DatabaseSetsFactsIT tests it).
 */
class PostgresSnapshotStoreIT extends SnapshotSearchContract {
    @AutoClose
    private static final PostgresDatabase database =
            TestPostgres.migratedChoosingArchiveTimes(PostgresSnapshotStoreIT.class);

    @Override
    protected SnapshotStore newStore() {
        return database.snapshotStore();
    }

    @Test
    void aFailingLineItem_leavesNoSnapshotBehind() {
        Snapshot valid = SampleSnapshots.bill("900001", 2025, 10);
        // A line name longer than its column passes no domain rule we skip on purpose here: we
        // forge the failure in the database to prove the transaction spans snapshot and lines.
        Snapshot broken = RefusedLine.appendedTo(valid);
        RefusedLine.failsHalfway(database, () -> store.save(broken, ReceivedBody.of("{}"), Instant.now(),
                new IdempotencyKey("user:a", "failing", Sha256.hex("body"))));
        assertEquals(0, store.findByAccount(new AccountNumber("900001"), 0, 100).size());
        assertTrue(store.findIdempotencyKey("user:a", "failing").isEmpty(), "the key went with the snapshot");
    }

    @Test
    void everySearchFilter_isServedByItsOwnIndex() throws Exception {
        // Naming the index matters: a btree can also take a non-leading column as an "Index Cond" by
        // reading the whole index, which is a scan in disguise.
        Map<SnapshotFilter, String> indexFor = new LinkedHashMap<>();
        indexFor.put(filter().year(2025).build(), "ix_billing_snapshots_period");
        indexFor.put(filter().month(3).build(), "ix_billing_snapshots_month");
        // Selective, as a date range is at scale: a range holding nearly every row of this small table costs
        // the same through either index that holds archived_at (V9 made both as wide), and the planner may take
        // the other one by a hair.
        indexFor.put(filter().fromDate(LocalDate.of(2031, 3, 12)).build(), "ix_billing_snapshots_archived_at");
        indexFor.put(filter().toDate(LocalDate.of(2025, 1, 1)).build(), "ix_billing_snapshots_archived_at");
        indexFor.put(filter().fromPeriod(2025, 1).build(), "ix_billing_snapshots_period");
        indexFor.put(filter().toPeriod(2025, 1).build(), "ix_billing_snapshots_period");
        indexFor.put(filter().minTotal("100.00").build(), "ix_billing_snapshots_total_amount");
        indexFor.put(filter().maxTotal("100.00").build(), "ix_billing_snapshots_total_amount");
        for (Map.Entry<SnapshotFilter, String> e : indexFor.entrySet()) {
            String plan = PlanProbe.explainCount(database.dataSource(), SnapshotWhere.of(e.getKey(), null));
            // The filter's only condition must be an index condition on its index, not a filter over scanned rows.
            assertTrue(plan.contains(e.getValue()) && plan.contains("Index Cond") && !plan.contains("Filter:")
                    && !plan.contains("Seq Scan"), e.getKey() + " is not served by " + e.getValue() + ":\n" + plan);
        }
        // Both account indexes lead with the account and count from the index alone; which one wins is the
        // planner's call on this small table.
        String byAccount = PlanProbe.explainCount(database.dataSource(), SnapshotWhere.of(filter().account("620547").build(), null));
        assertTrue(byAccount.matches("(?s).*Index Cond: \\(\\(?company_account_number(\\)::text)? = .*") && !byAccount.contains("Filter:")
                && !byAccount.contains("Seq Scan"), byAccount);
        // The company text is looked up among the distinct names (by their trigram index at scale: bench/large
        // prints that plan; on this small table walking the primary key under the LIMIT is as good), then the
        // matching accounts' snapshots are read by account.
        String names = PlanProbe.explain(database.dataSource(), SnapshotSql.ACCOUNTS_BY_COMPANY_NAME,
                List.of("%acme%", 1_001, 1_000, PostgresSnapshotStore.MAX_BOUND_ACCOUNTS));
        assertTrue(names.contains("snapshot_company_names") && !names.contains("Seq Scan"), names);
        String company = PlanProbe.explainCount(database.dataSource(),
                SnapshotWhere.of(filter().company("acme").build(), null,
                        new CompanyAccounts.Matches(2, 1_000, pairs("620547", "A1"), true)));
        // Which of the two account indexes wins depends on the table's size and visibility map; either serves it.
        assertTrue(company.contains("Index Cond: ((company_account_number)::text = ANY")
                && !company.contains("Seq Scan"), "the matching accounts are found by index:\n" + company);
        String keyset = PlanProbe.explainPage(database.dataSource(), SnapshotFilter.ALL,
                SnapshotWhere.of(SnapshotFilter.ALL, new SnapshotCursor(Instant.parse("2025-01-01T00:00:00Z"), 5)));
        SnapshotFilter oneAccount = filter().account("620547").build();
        String accountPage = PlanProbe.explainPage(database.dataSource(), oneAccount, SnapshotWhere.of(oneAccount, null));
        assertTrue(accountPage.contains("Index Only Scan using ix_billing_snapshots_account_archived_at")
                && !accountPage.contains("billing_snapshots_pkey"), "an account's page is read from its index alone:\n"
                + accountPage);
        assertTrue(keyset.contains("ix_billing_snapshots_archived_at") && keyset.contains("Index Cond"), keyset);
    }

    @Test
    void theRunsInvoiceReads_areServedByTheirIndexes_andReadNoWideColumn() throws Exception {
        // Statistics over bills of some years and months, as a real archive has, so the planner can tell
        // the (year, month) index from the month-only one; without any, it may take either.
        for (int year = 2022; year <= 2024; year++) {
            for (int month = 1; month <= 12; month++) {
                store.save(SampleSnapshots.bill("PLAN" + account, year, month), ReceivedBody.of("{}"),
                        Instant.now(), null);
            }
        }
        database.dbClient().execute().dml("ANALYZE billing_snapshots");
        Map<String, String> indexFor = new LinkedHashMap<>();
        indexFor.put(SnapshotSql.INVOICES_FOR_PERIOD, "ix_billing_snapshots_period");
        indexFor.put(SnapshotSql.INVOICE_FOR_ACCOUNT_AND_PERIOD, "uq_billing_snapshots_company_period");
        // A bill's previous one: the (year, month) row comparison is an index condition, read backwards.
        indexFor.put(SnapshotSql.PREVIOUS_INVOICE, "uq_billing_snapshots_company_period");
        List<List<Object>> params = List.of(List.of(2025, 10), List.of("PLAN" + account, 2024, 6),
                List.of("PLAN" + account, 2024, 6));
        int i = 0;
        for (Map.Entry<String, String> e : indexFor.entrySet()) {
            String plan = PlanProbe.explain(database.dataSource(), e.getKey(), params.get(i++));
            assertTrue(plan.contains(e.getValue()) && plan.contains("Index Cond") && !plan.contains("Filter:")
                    && !plan.contains("Seq Scan"), e.getKey() + " is not served by " + e.getValue() + ":\n" + plan);
            assertFalse(e.getKey().contains("billing_data") || e.getKey().contains("invoice_csv")
                    || e.getKey().contains("received_body") || e.getKey().contains("line_items"), e.getKey());
        }
    }

    @Test
    void theAccountIndex_holdsEveryColumnOfASummary() {
        // What makes a search by account an index-only read (V9); a column added to the summary but not to the
        // index would quietly send every such search back to the table.
        List<String> indexed = database.dbClient().execute().query("""
                        SELECT a.attname FROM pg_index i
                          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                         WHERE i.indexrelid = 'ix_billing_snapshots_account_archived_at'::regclass
                        """).map(row -> row.column("attname").getString()).toList();
        List<String> missing = SnapshotSql.summaryColumns().stream().filter(c -> !indexed.contains(c)).toList();
        assertEquals(List.of(), missing, "summary columns the account index lacks");
        assertEquals(23, SnapshotSql.summaryColumns().size(), SnapshotSql.summaryColumns().toString());
    }

    @Test
    void aCompanyTextThatMoreAccountsShareThanAreBound_isMatchedByNameAlone_withTheSameResults() {
        int accounts = PostgresSnapshotStore.MAX_BOUND_ACCOUNTS + 5;
        for (int i = 0; i < accounts; i++) {
            store.save(Bills.bill("WIDE-" + account + "-" + i, "W" + account + "x" + i, "Widely Shared Name " + i,
                    new BillingPeriod(2024 + i % 2, 1 + i % 12), Money.of("1.00")), ReceivedBody.of("{}"),
                            Instant.now(), null);
        }
        store.save(Bills.bill("NARROW-" + account, "N" + account, "Narrowly Shared", new BillingPeriod(2025, 1),
                Money.of("1.00")), ReceivedBody.of("{}"), Instant.now(), null);

        SnapshotFilter wide = filter().company("widely shared name").build();
        assertEquals(accounts, store.searchFor(wide).countAtMost(10_000));
        List<SnapshotSummary> all = allPages(wide);
        assertEquals(accounts, all.size());
        assertTrue(all.stream().allMatch(s -> s.companyName().startsWith("Widely Shared Name ")));
        assertEquals(all.stream().filter(s -> s.period().year() == 2025).count(),
                store.searchFor(filter().company("widely shared name").year(2025).build()).countAtMost(10_000));
        assertEquals(all.subList(10, 20), store.searchFor(wide).page(null, 10, 10), "paging agrees");
        assertEquals(List.of("NARROW-" + account), store.searchFor(filter().company("narrowly").build()).page(null,
                0, 10)
                .stream().map(s -> s.invoiceNumber().value()).toList());
    }

    @Test
    void renamedCompaniesCountingPastTheBound_stillFindEverySnapshot() {
        // 150 accounts under two matching names each: 300 name rows for 150 accounts. A list cut at the bound
        // would have lost some accounts' snapshots (SnapshotSearchIT found exactly that).
        int accounts = PostgresSnapshotStore.MAX_BOUND_ACCOUNTS * 3 / 4;
        for (int i = 0; i < accounts; i++) {
            String acc = "R" + account + "x" + i;
            store.save(Bills.bill("REN-" + acc + "-1", acc, "Renamed Holdings " + i, new BillingPeriod(2024, 1),
                    Money.of("1.00")), ReceivedBody.of("{}"), Instant.now(), null);
            store.save(Bills.bill("REN-" + acc + "-2", acc, "Renamed Holdings Group " + i, new BillingPeriod(2024, 2),
                    Money.of("1.00")), ReceivedBody.of("{}"), Instant.now(), null);
        }
        SnapshotFilter renamed = filter().company("renamed holdings").build();
        assertEquals(2L * accounts, store.searchFor(renamed).countAtMost(10_000));
        assertEquals(2 * accounts, allPages(renamed).size());
    }

    @Test
    void aRenamedCompany_isFoundUnderEachName_onlyWithTheBillsThatCarriedIt() {
        String acc = "RN" + account;
        store.save(Bills.bill("RN-" + acc + "-1", acc, "Old Harbor Quillwort", new BillingPeriod(2024, 1),
                Money.of("1.00")), ReceivedBody.of("{}"), Instant.now(), null);
        store.save(Bills.bill("RN-" + acc + "-2", acc, "New Meridian Quillwort", new BillingPeriod(2024, 2),
                Money.of("1.00")), ReceivedBody.of("{}"), Instant.now(), null);

        // One name matches: the account is bound, and its other name's bill is tested out by name.
        assertEquals(List.of("RN-" + acc + "-1"), invoices(filter().company("old harbor").build()));
        assertEquals(1, store.searchFor(filter().company("old harbor").build()).countAtMost(10));
        assertEquals(List.of("RN-" + acc + "-2"), invoices(filter().company("MERIDIAN").build()));
        // Both names match: every bill of the account, with no name test needed.
        assertEquals(List.of("RN-" + acc + "-2", "RN-" + acc + "-1"), invoices(filter().company("quillwort").build()));
        assertEquals(2, store.searchFor(filter().company("quillwort").build()).countAtMost(10));
    }

    @Test
    void aBoundedCountIsAnsweredByTheNamePairs_onlyWhenTheCompanyTextIsTheOnlyCriterion() {
        SnapshotFilter company = filter().company("inc").build();
        CompanyAccounts.Matches many = new CompanyAccounts.Matches(1_001, 4_000, pairs("A"), false);
        CompanyAccounts.Matches few = new CompanyAccounts.Matches(1_000, 4_000, pairs("A"), false);
        assertTrue(PostgresSnapshotStore.countedByNames(company, many, 1_001));
        assertTrue(PostgresSnapshotStore.countedByNames(company, many, 50));
        assertFalse(PostgresSnapshotStore.countedByNames(company, few, 1_001), "fewer pairs than the bound");
        assertFalse(PostgresSnapshotStore.countedByNames(filter().company("inc").year(2025).build(), many, 1_001),
                "another criterion may exclude every pair's snapshots");
        assertFalse(PostgresSnapshotStore.countedByNames(SnapshotFilter.ALL, null, 0), "no company text");
    }

    /** Name pairs of these accounts, their newest bills all archived at one moment. */
    private static List<CompanyAccounts.Pair> pairs(String... accounts) {
        return java.util.Arrays.stream(accounts).map(a -> new CompanyAccounts.Pair(a, Instant.EPOCH)).toList();
    }

    private List<String> invoices(SnapshotFilter filter) {
        return store.searchFor(filter).page(null, 0, 100).stream().map(s -> s.invoiceNumber().value()).toList();
    }

    /** Every match, page by page along the cursor. */
    private List<SnapshotSummary> allPages(SnapshotFilter filter) {
        List<SnapshotSummary> all = new java.util.ArrayList<>();
        List<SnapshotSummary> page = store.searchFor(filter).page(null, 0, 500);
        while (!page.isEmpty()) {
            all.addAll(page);
            page = store.searchFor(filter).page(page.getLast().cursor(), 0, 500);
        }
        return all;
    }

    @Test
    void companyText_isMatchedLiterally_evenWhenItLooksLikeSql() {
        String hostile = "x' OR '1'='1%_\\";
        store.save(Bills.bill("HOSTILE-1", "HOSTILE", "Name " + hostile + " Ltd", new BillingPeriod(2025, 1),
                Money.of("1.00")), ReceivedBody.of("{}"), Instant.now(), null);

        assertEquals(List.of("HOSTILE-1"), store.searchFor(filter().company(hostile).build()).page(null, 0, 10).stream()
                .map(s -> s.invoiceNumber().value()).toList());
        assertEquals(0, store.count(filter().company("x' OR '1'='1%_\\ Ltd!").build()));
    }

    @Test
    void aKeyThatCannotBeStored_leavesNoSnapshotBehind() {
        // The key row is written last in the snapshot's transaction: if it fails, the snapshot goes too.
        Snapshot bill = SampleSnapshots.bill("900003", 2025, 10);
        IdempotencyKey forbidden = new IdempotencyKey("user:a", "forbidden", Sha256.hex("body"));
        database.dbClient().execute().dml("ALTER TABLE idempotency_keys ADD CONSTRAINT no_forbidden "
                + "CHECK (idempotency_key <> 'forbidden') NOT VALID");
        try {
            assertThrows(DbClientException.class, () -> store.save(bill, ReceivedBody.of("{}"), Instant.now(),
                    forbidden));
        } finally {
            database.dbClient().execute().dml("ALTER TABLE idempotency_keys DROP CONSTRAINT no_forbidden");
        }

        assertTrue(store.findByInvoiceNumber(bill.invoiceNumber()).isEmpty());
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
        store.save(BillBuilder.from(valid).withLineItems(items).build(), ReceivedBody.of("{}"), Instant.now(), null);
        List<LineItem> read = store.findByInvoiceNumber(valid.invoiceNumber()).orElseThrow().snapshot().lineItems();
        assertEquals(items, read);
    }
}
