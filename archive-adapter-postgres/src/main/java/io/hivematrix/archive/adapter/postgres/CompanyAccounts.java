package io.hivematrix.archive.adapter.postgres;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hivematrix.archive.domain.SnapshotCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGStatement;

/**
 * The accounts that ever had a name containing a text, in plain JDBC (through {@link HotPathJdbc}) so that the
 * statement is planned for the text it carries every time: a reused (generic) plan cannot know whether
 * "Garcia Auto Inc" or "ion" is asked, and at 1,000,000 snapshots it walked every name (~90 ms) where the trigram
 * index takes under one.
 */
final class CompanyAccounts {
    private static final long BOUND_FOR_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Texts remembered as common: a few dozen bytes each, and people type a handful of short fragments again and again. */
    private static final int COMMON_TEXTS = 10_000;
    private final HotPathJdbc jdbc;
    /** The last bound read (see {@link #bound(Connection)}); null before the first search by a company text. */
    private volatile Bound bound;
    /**
     * Texts found to match more pairs than the bound, with how many were counted. Pairs are only ever added (a bill
     * is never deleted, and every bill notes its pair), so a text that matched that many pairs still does, on any
     * instance: asked again, it is answered from here while the bound stays below that count. Counting a common
     * text reads bound + 1 pairs (4,116 at 10,000,000 bills, ~5 ms of the server's CPU) only to learn that the
     * pairs cannot be used.
     */
    private final Cache<String, Integer> common = Caffeine.newBuilder().maximumSize(COMMON_TEXTS).build();

    CompanyAccounts(HotPathJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** One (account, name) pair whose name contains the text, with the archive time of its newest bill (V15). */
    record Pair(String account, Instant newest) {
        Pair {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(newest, "newest");
        }
    }

    /**
     * The accounts that can hold a search page's bills, and the archive time from which they must be read: see
     * {@link Matches#narrowed}.
     */
    record Narrowed(Instant from, List<String> accounts) {
        Narrowed {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * What {@code snapshot_company_names} knows of a company text.
     *
     * @param names   how many (account, name) pairs contain the text, read no further than one past {@code bound}
     * @param bound   the most pairs read, which grows with the archive ({@link #pairBound(double)}); never
     *                under {@link PostgresSnapshotStore#MAX_BOUND_ACCOUNTS}
     * @param pairs   those pairs, newest first (a renamed account comes once per matching name): all of them up to
     *                {@link PostgresSnapshotStore#MAX_BOUND_ACCOUNTS}; past it only that many of the newest and
     *                any tied with the last (all a narrowed page can use); none past the bound
     * @param renamed whether one of those accounts may also have had a name that does not contain the text (its
     *                snapshots under that name must not match, so the name has to be checked row by row): looked up
     *                for a list small enough to be bound ({@link PostgresSnapshotStore#MAX_BOUND_ACCOUNTS}), assumed
     *                past it
     */
    record Matches(int names, int bound, List<Pair> pairs, boolean renamed) {
        Matches {
            pairs = List.copyOf(pairs);
        }

        /** Whether more pairs contain the text than were read: then none were. */
        boolean tooMany() {
            return names > bound;
        }

        /**
         * The distinct accounts of the pairs, in the order read: every matching account while {@link #names} is
         * within {@link PostgresSnapshotStore#MAX_BOUND_ACCOUNTS}, the only case that binds them.
         */
        List<String> accounts() {
            return pairs.stream().map(Pair::account).distinct().toList();
        }

        /**
         * Where the newest {@code need} bills that match the text alone can be, before {@code after} if given: null
         * when the pairs cannot tell (too many to be read, or fewer pairs proven to hold such a bill than needed).
         * <p>
         * Why it is exact: a pair whose newest bill is older than the cursor holds a matching bill before it, at
         * that time. Let {@code from} be the {@code need}-th newest of those times: at least {@code need} matching
         * bills before the cursor are archived at {@code from} or later, so every bill of the page is too; and a
         * bill archived at {@code from} or later belongs to a pair whose newest bill is no older, so only those
         * pairs' accounts need reading. A pair at or past the cursor's time may or may not hold bills before it,
         * and is read whenever its newest time reaches {@code from}.
         * <p>
         * Only the newest pairs may have been read (see {@link #pairs}): they are then every pair from some time on,
         * ties included, so any pair left out is older than all that were read. If the read ones prove {@code need}
         * bills, {@code from} is one of their times, and every pair that reaches it was read; if not, nothing is
         * narrowed.
         */
        Narrowed narrowed(SnapshotCursor after, long need) {
            if (need <= 0) {
                return null;
            }
            List<Instant> proven = pairs.stream().map(Pair::newest)
                    .filter(newest -> after == null || newest.isBefore(after.archivedAt()))
                    .sorted(Comparator.reverseOrder())
                    .toList();
            if (proven.size() < need) {
                return null;
            }
            Instant from = proven.get((int) need - 1);
            return new Narrowed(from, pairs.stream().filter(p -> !p.newest().isBefore(from)).map(Pair::account)
                    .distinct().toList());
        }
    }

    /** The pairs whose names contain {@code text} (case-insensitive, literally). */
    Matches matching(String text) {
        Bound known = bound;
        Integer counted = common.getIfPresent(text);
        if (known != null && !known.stale(System.nanoTime()) && counted != null && counted > known.pairs()) {
            return tooMany(counted, known.pairs());
        }
        Matches read = jdbc.withConnection("looking up company names failed",
                connection -> matching(connection, text, bound(connection)));
        if (read.tooMany()) {
            common.put(text, read.names());
        }
        return read;
    }

    /** What a text known to match {@code counted} pairs, more than {@code bound}, looks like read afresh. */
    private static Matches tooMany(int counted, int bound) {
        // Past the bound no pair is sent, and the names are tested row by row (see matching below).
        return new Matches(counted, bound, List.of(), true);
    }

    /**
     * {@link #matching(String)} on a given connection, with the bound read afresh (the bench's query plans use it
     * too).
     */
    static Matches matching(Connection connection, String text) throws SQLException {
        return matching(connection, text, pairBound(connection));
    }

    /**
     * The most pairs a text's look-up reads with their times: the square root of (all pairs times
     * {@link PostgresSnapshotStore#NARROWING_PAGE}), never under {@link PostgresSnapshotStore#MAX_BOUND_ACCOUNTS}.
     * Reading a text's n pairs costs about n; walking the newest-first index for a page of p bills that n of N pairs
     * share costs about p * N / n; the two meet near n = sqrt(p * N). That is ~1,300 at 1,000,000 bills (17,000
     * pairs), where reading up to 4,000 made common fragments miss their goal, and ~4,100 at 10,000,000 (169,000
     * pairs), where narrowing texts of a few thousand pairs cut medium fragments' p95 from 243 to 93 ms.
     */
    static int pairBound(double pairs) {
        double grown = Math.sqrt(Math.max(0, pairs) * PostgresSnapshotStore.NARROWING_PAGE);
        // Past a billion pairs the bound stops growing; a LIMIT of bound + 1 must still be an int.
        return (int) Math.max(PostgresSnapshotStore.MAX_BOUND_ACCOUNTS, Math.min(grown, 1_000_000_000));
    }

    private static int pairBound(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(SnapshotSql.NAME_PAIRS_ESTIMATE);
             ResultSet rows = st.executeQuery()) {
            return pairBound(rows.next() ? rows.getDouble(1) : 0);
        }
    }

    /** The bound, read again once it is a minute old: it moves with the archive's size, which moves slowly. */
    private int bound(Connection connection) throws SQLException {
        Bound known = bound;
        long now = System.nanoTime();
        if (known == null || known.stale(now)) {
            known = new Bound(pairBound(connection), now);
            bound = known;
        }
        return known.pairs();
    }

    /** A bound and when it was read ({@link System#nanoTime()}). */
    private record Bound(int pairs, long readAt) {
        boolean stale(long now) {
            return now - readAt > BOUND_FOR_NANOS;
        }
    }

    private static Matches matching(Connection connection, String text, int bound) throws SQLException {
        String pattern = SnapshotWhere.likeContains(text);
        int names = 0;
        List<Pair> pairs = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(SnapshotSql.ACCOUNTS_BY_COMPANY_NAME)) {
            // Never a server-side prepared statement: each execution is planned with its own pattern.
            st.unwrap(PGStatement.class).setPrepareThreshold(0);
            st.setString(1, pattern);
            st.setInt(2, bound + 1);
            st.setInt(3, bound);
            st.setInt(4, PostgresSnapshotStore.MAX_BOUND_ACCOUNTS);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    names = rows.getInt(1);
                    String account = rows.getString(2);
                    if (account != null) {
                        pairs.add(new Pair(account, rows.getObject(3, OffsetDateTime.class).toInstant()));
                    }
                }
            }
        }
        Matches read = new Matches(names, bound, pairs, false);
        // Past the bound the accounts are not bound into the search, and a narrowed page tests the name anyway.
        boolean renamed = names > PostgresSnapshotStore.MAX_BOUND_ACCOUNTS
                || (names > 0 && anyOtherName(connection, read.accounts(), pattern));
        return new Matches(names, bound, pairs, renamed);
    }

    private static boolean anyOtherName(Connection connection, Collection<String> accounts, String pattern)
            throws SQLException {
        // A reusable plan, unlike the look-up above: the primary key serves any list, and planning a list of
        // hundreds afresh cost more than running it.
        try (PreparedStatement st = connection.prepareStatement(SnapshotSql.ANY_OTHER_NAME)) {
            st.setObject(1, accounts.toArray(String[]::new));
            st.setString(2, pattern);
            try (ResultSet rows = st.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}
