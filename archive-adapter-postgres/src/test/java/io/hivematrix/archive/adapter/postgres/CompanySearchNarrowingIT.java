package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A company search by text alone reads only the accounts that can hold its page, from the time the page can start
 * at (migration V15's newest time per name pair; SnapshotWhere.page). Checked against PostgreSQL's own answer to the
 * plain query (every matching row, sorted), for texts that ~100, ~1,100 (more than can be bound) and all 6,000 pairs
 * share, over 6,000 bills whose archive times are out of step with their order and tie, and whose 1,500 accounts each
 * had four names; 10,000 bills of other names make the archive large enough for ~1,100 pairs to be read.
 */
class CompanySearchNarrowingIT {
    private static final int BILLS = 6_000;
    private static final int ACCOUNTS = 1_500;
    /** Bills named "Filler Ltd n", one per account, older than the others: no text of these tests matches them. */
    private static final int FILLERS = 10_000;
    private static PostgresDatabase database;
    private static SnapshotStore store;

    @BeforeAll
    static void load() throws SQLException {
        database = TestPostgres.migratedChoosingArchiveTimes(CompanySearchNarrowingIT.class);
        store = database.snapshotStore();
        // Bill g: account N(g mod 1,500), named "Fleet Co g" (each account had four names), archived at one of 5,000
        // seconds scattered over g (so times tie, and do not follow the ids). Two statements, so the second's bills
        // fold into pairs and accounts the first created.
        execute(insert(1, 3_500));
        execute(insert(3_501, BILLS));
        // Bills of other names make the archive large enough that a text of ~1,100 pairs is read pair by pair.
        execute(fillers(FILLERS));
        execute("ANALYZE billing_snapshots");
        execute("ANALYZE snapshot_company_names");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fleet Co 12", "Co 59", "Fleet Co 1", "fleet co 5", "Fleet Co", "co 4999", "Nobody"})
    void everyPage_isWhatThePlainQueryAnswers(String text) throws SQLException {
        SnapshotFilter filter = company(text);
        List<Long> expected = expectedIds(text);
        // Offsets, including past the end, and page sizes of one, a few and the most a client may ask.
        for (int limit : new int[] {1, 37, 100}) {
            for (int offset : new int[] {0, 1, 99, 100, 250, 1_000, expected.size()}) {
                List<Long> want = expected.subList(Math.min(offset, expected.size()),
                        Math.min(offset + limit, expected.size()));
                assertEquals(want, ids(store.searchFor(filter).page(null, offset, limit)),
                        () -> text + " offset " + offset + " limit " + limit);
            }
        }
        // The whole result along the cursor, a page of 37 at a time (the cursor replaces the offset).
        List<Long> walked = new ArrayList<>();
        SnapshotCursor after = null;
        while (true) {
            List<SnapshotSummary> page = store.searchFor(filter).page(after, 0, 37);
            walked.addAll(ids(page));
            if (page.size() < 37) {
                break;
            }
            after = page.getLast().cursor();
        }
        assertEquals(expected, walked, text + " along the cursor");
        assertEquals(Math.min(expected.size(), 1_001), store.searchFor(filter).countAtMost(1_001), text + " count");
    }

    @Test
    void aPageOfAFewHundredOrAThousandPairs_readsOnlyTheAccountsThatCanHoldIt() throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            for (String text : List.of("Fleet Co 12", "Fleet Co 1")) {
                SearchStatements sql = SearchStatements.of(c, company(text));
                SearchStatements.Statement page = sql.page(null, 0, 100);
                assertTrue(page.sql().contains("archived_at >= ?"), text + ": " + page.sql());
                String[] bound = (String[]) page.params().getFirst();
                // The newest 100 bills lie in at most 100 accounts, plus any tied at the page's first time.
                assertTrue(bound.length <= 110 && bound.length < sql.companyPairs(), text + ": " + bound.length
                        + " accounts read of " + sql.companyPairs() + " pairs");
            }
            // Past the pairs it reads, a text walks the newest-first index and tests each name.
            SearchStatements all = SearchStatements.of(c, company("Fleet Co"));
            assertEquals(-1, all.companyPairs());
            assertFalse(all.page(null, 0, 100).sql().contains("ANY"), all.page(null, 0, 100).sql());
            // With another criterion the pairs' times say nothing of the page: every matching account is read.
            SnapshotFilter withYear = new SnapshotFilter(null, 2001, null, null, null, "Fleet Co 12", null, null, null,
                    null);
            assertFalse(SearchStatements.of(c, withYear).page(null, 0, 100).sql().contains("archived_at >= ?"));
        }
    }

    @Test
    void ofAThousandOrMorePairs_onlyTheNewestThousandAreSent_withTheirTies() throws SQLException {
        // "Fleet Co 1" matches 1,111 pairs: all are counted, but only the newest 1,000 (and any tied with the
        // 1,000th) leave the server; a narrowed page needs no more (its accounts are bound only up to 1,000).
        List<CompanyAccounts.Pair> all = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT company_account_number, newest_archived_at FROM "
                     + "snapshot_company_names WHERE company_name ILIKE '%fleet co 1%'")) {
            while (rs.next()) {
                all.add(new CompanyAccounts.Pair(rs.getString(1),
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant()));
            }
        }
        all.sort(java.util.Comparator.comparing(CompanyAccounts.Pair::newest).reversed());
        java.time.Instant thousandth = all.get(PostgresSnapshotStore.MAX_BOUND_ACCOUNTS - 1).newest();
        List<CompanyAccounts.Pair> newest = all.stream().filter(p -> !p.newest().isBefore(thousandth)).toList();

        CompanyAccounts.Matches read;
        try (Connection c = database.dataSource().getConnection()) {
            read = CompanyAccounts.matching(c, "Fleet Co 1");
        }
        assertEquals(1_111, all.size());
        assertEquals(1_111, read.names(), "every pair is counted");
        assertEquals(newest.stream().map(CompanyAccounts.Pair::newest).toList(),
                read.pairs().stream().map(CompanyAccounts.Pair::newest).toList(), "the newest, newest first");
        assertEquals(new java.util.HashSet<>(newest), new java.util.HashSet<>(read.pairs()));
        assertTrue(read.pairs().size() < all.size(), read.pairs().size() + " pairs sent");
    }

    @Test
    void aTextFoundCommon_isAnsweredWithoutTheDatabase_whileTheBoundStaysBelowItsCount() {
        // A pool that can be shut: once it is, only what the look-up remembers can answer.
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        javax.sql.DataSource pool = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                javax.sql.DataSource.class.getClassLoader(), new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && !open.get()) {
                        throw new SQLException("the pool is shut");
                    }
                    return method.invoke(database.dataSource(), args);
                });
        CompanyAccounts names = new CompanyAccounts(new HotPathJdbc(pool));
        CompanyAccounts.Matches common = names.matching("Fleet Co"); // 6,000 pairs, past the bound of 1,264
        CompanyAccounts.Matches rare = names.matching("Fleet Co 12"); // 111 pairs
        assertTrue(common.tooMany() && !rare.tooMany(), common + " / " + rare);

        open.set(false);
        assertEquals(common, names.matching("Fleet Co"), "pairs are never removed: a common text stays common");
        // Only the fact that a text is common is kept: a text's pairs move with every bill, so they are read each time.
        assertThrows(RuntimeException.class, () -> names.matching("Fleet Co 12"));
        assertThrows(RuntimeException.class, () -> names.matching("fleet co"), "texts are kept as typed");
    }

    @Test
    void howManyPairsAreRead_growsWithTheArchive() throws SQLException {
        DatabaseSettings settings = TestPostgres.newDatabase("narrowing_bound");
        try (PostgresDatabase small = PostgresDatabase.connect(settings)) {
            small.migrate();
            TestPostgres.letTestsChooseArchiveTimes(settings);
            try (Connection c = small.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate(insert(1, BILLS));
                st.execute("ANALYZE snapshot_company_names");
                // 6,000 pairs: the bound is its floor, 1,000 (sqrt(6,000 * 100) = 775), so 1,111 pairs are too many.
                SearchStatements few = SearchStatements.of(c, company("Fleet Co 1"));
                assertEquals(-1, few.companyPairs());
                assertFalse(few.page(null, 0, 100).sql().contains("ANY"), few.page(null, 0, 100).sql());
                st.executeUpdate(fillers(FILLERS));
                st.execute("ANALYZE snapshot_company_names");
                // 16,000 pairs: sqrt(16,000 * 100) = 1,264, so the 1,111 pairs (of 1,000 accounts) are read and the
                // page narrowed.
                SearchStatements more = SearchStatements.of(c, company("Fleet Co 1"));
                assertEquals(1_111, more.companyPairs());
                assertTrue(more.page(null, 0, 100).sql().contains("archived_at >= ?"), more.page(null, 0, 100).sql());
                // Still past it: all 6,000.
                assertEquals(-1, SearchStatements.of(c, company("Fleet Co")).companyPairs());
            }
        }
    }

    @Test
    void eachPairKeepsItsNewestBillsTime_asBillsArriveInAnyOrder() throws SQLException {
        assertEquals(0, staleOrMissingPairs());
        // One statement with two bills of one new pair, then an older bill of that pair (the time stays), then a
        // newer one (it moves). Account X1 is new; its periods differ so the bills may coexist.
        execute(bill("X1", "Late Arrival Co", 2030, 1, "2021-06-01 00:00:00") + ", "
                + values("X1", "Late Arrival Co", 2030, 2, "2021-06-03 00:00:00"));
        assertEquals("2021-06-03 00:00:00+00", newest("X1", "Late Arrival Co"));
        execute(bill("X1", "Late Arrival Co", 2030, 3, "2021-05-01 00:00:00"));
        assertEquals("2021-06-03 00:00:00+00", newest("X1", "Late Arrival Co"));
        execute(bill("X1", "Late Arrival Co", 2030, 4, "2021-07-01 12:00:00"));
        assertEquals("2021-07-01 12:00:00+00", newest("X1", "Late Arrival Co"));
        assertEquals(0, staleOrMissingPairs());
    }

    @Test
    void theMigration_fillsEveryPairsNewestTime_onAnArchiveThatAlreadyHasBills() throws SQLException {
        try (PostgresDatabase old = PostgresDatabase.connect(TestPostgres.newDatabase("narrowing_migration"))) {
            old.migrateTo("14");
            try (Connection c = old.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("ALTER TABLE billing_snapshots DISABLE TRIGGER billing_snapshots_archived_at");
                st.executeUpdate(insert(1, 2_000));
            }
            assertEquals(1, old.migrateTo("15"));
            assertEquals(0, number(old, STALE_OR_MISSING));
            assertEquals(2_000, number(old, "SELECT count(*) FROM snapshot_company_names"),
                    "one pair per name, as V8 noted them");

            // V15's update left a second entry per pair in the trigram index; V16 rewrites the table and its indexes.
            long bloated = number(old, TRIGRAM_INDEX_BYTES);
            assertEquals(1, old.migrateTo("16"));
            long compact = number(old, TRIGRAM_INDEX_BYTES);
            assertTrue(compact * 3 < bloated * 2, "trigram index " + bloated + " -> " + compact + " bytes");
            assertEquals(0, number(old, STALE_OR_MISSING), "every pair kept, with its newest time");
            assertEquals(2_000, number(old, "SELECT count(*) FROM snapshot_company_names"));
            try (Connection c = old.dataSource().getConnection()) {
                assertEquals(List.of("N" + 1_999 % ACCOUNTS), CompanyAccounts.matching(c, "fleet co 1999").accounts(),
                        "the rebuilt index finds a name");
            }
        }
    }

    private static final String TRIGRAM_INDEX_BYTES = "SELECT pg_relation_size('ix_snapshot_company_names_trgm')";

    private static long number(PostgresDatabase db, String query) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Pairs whose newest time is not their bills' latest, and (account, name) pairs of bills with no pair. */
    private static final String STALE_OR_MISSING = """
            SELECT (SELECT count(*) FROM snapshot_company_names n
                     WHERE n.newest_archived_at IS DISTINCT FROM (
                           SELECT max(b.archived_at) FROM billing_snapshots b
                            WHERE b.company_account_number = n.company_account_number
                              AND b.company_name = n.company_name))
                 + (SELECT count(*) FROM (SELECT DISTINCT company_account_number, company_name
                                            FROM billing_snapshots) b
                     WHERE NOT EXISTS (SELECT 1 FROM snapshot_company_names n
                                        WHERE n.company_account_number = b.company_account_number
                                          AND n.company_name = b.company_name))
            """;

    private static long staleOrMissingPairs() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(STALE_OR_MISSING)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String newest(String account, String name) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT to_char(newest_archived_at AT TIME ZONE 'UTC', "
                     + "'YYYY-MM-DD HH24:MI:SS') || '+00' FROM snapshot_company_names "
                     + "WHERE company_account_number = ? AND company_name = ?")) {
            st.setString(1, account);
            st.setString(2, name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Bills {@code first..last} as described in {@link #load()}. */
    private static String insert(int first, int last) {
        return """
                INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number,
                    billing_year, billing_month, invoice_date, archived_at, total_amount, billing_data_text,
                    invoice_csv, received_body, content_sha256, record_sha256, created_by)
                SELECT 'N' || (g %% %1$d), 'Fleet Co ' || g, 'NRW-' || g, 2000 + (g / %1$d), 1 + (g / %1$d) %% 12,
                       DATE '2024-01-31', TIMESTAMPTZ '2020-01-01 00:00:00+00' + ((g * 7919) %% 5000) * INTERVAL '1 second',
                       g / 100.0, '{"g":' || g || '}', 'a,b' || chr(13) || chr(10), '{}',
                       md5(g::text) || md5('x' || g), md5(g::text) || md5('y' || g), 'test'
                  FROM generate_series(%2$d, %3$d) AS g
                """.formatted(ACCOUNTS, first, last);
    }

    /** {@code count} bills of names no text here matches, one per account, archived in 2019. */
    private static String fillers(int count) {
        return """
                INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number,
                    billing_year, billing_month, invoice_date, archived_at, total_amount, billing_data_text,
                    invoice_csv, received_body, content_sha256, record_sha256, created_by)
                SELECT 'F' || g, 'Filler Ltd ' || g, 'FIL-' || g, 2019, 1, DATE '2019-01-31',
                       TIMESTAMPTZ '2019-01-01 00:00:00+00' + g * INTERVAL '1 second', 1.00, '{}', 'a', '{}',
                       md5('f' || g) || md5('fx' || g), md5('f' || g) || md5('fy' || g), 'test'
                  FROM generate_series(1, %d) AS g
                """.formatted(count);
    }

    private static String bill(String account, String name, int year, int month, String archivedAt) {
        return """
                INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number,
                    billing_year, billing_month, invoice_date, archived_at, total_amount, billing_data_text,
                    invoice_csv, received_body, content_sha256, record_sha256, created_by)
                VALUES """ + values(account, name, year, month, archivedAt);
    }

    private static String values(String account, String name, int year, int month, String archivedAt) {
        String invoice = account + "-" + year + "-" + month;
        return ("('%s', '%s', '%s', %d, %d, DATE '2024-01-31', TIMESTAMPTZ '%s+00', 1.00, '{}', 'a', '{}', "
                + "md5('%s') || md5('x%s'), md5('%s') || md5('y%s'), 'test')")
                .formatted(account, name, invoice, year, month, archivedAt, invoice, invoice, invoice, invoice);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** PostgreSQL's answer without the names table: every row whose name contains the text, newest first. */
    private static List<Long> expectedIds(String text) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT id FROM billing_snapshots WHERE company_name ILIKE ? "
                     + "ESCAPE '\\' ORDER BY archived_at DESC, id DESC")) {
            st.setString(1, SnapshotWhere.likeContains(text));
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private static SnapshotFilter company(String text) {
        return new SnapshotFilter(null, null, null, null, null, text, null, null, null, null);
    }

    private static List<Long> ids(List<SnapshotSummary> page) {
        return page.stream().map(SnapshotSummary::id).toList();
    }
}
