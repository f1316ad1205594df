package io.hivematrix.archive.adapter.postgres;

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
import org.postgresql.PGStatement;

/**
 * The accounts that ever had a name containing a text, in plain JDBC (through {@link HotPathJdbc}) so that the
 * statement is planned for the text it carries every time: a reused (generic) plan cannot know whether
 * "Garcia Auto Inc" or "ion" is asked, and at 1,000,000 snapshots it walked every name (~90 ms) where the trigram
 * index takes under one.
 */
final class CompanyAccounts {
    private final HotPathJdbc jdbc;

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
     * @param names   how many (account, name) pairs contain the text, read no further than one past
     *                {@link PostgresSnapshotStore#MAX_NARROWED_NAMES}
     * @param pairs   those pairs (a renamed account comes once per matching name); empty past that bound
     * @param renamed whether one of those accounts may also have had a name that does not contain the text (its
     *                snapshots under that name must not match, so the name has to be checked row by row): looked up
     *                for a list small enough to be bound ({@link PostgresSnapshotStore#MAX_BOUND_ACCOUNTS}), assumed
     *                past it
     */
    record Matches(int names, List<Pair> pairs, boolean renamed) {
        Matches {
            pairs = List.copyOf(pairs);
        }

        /** The distinct accounts of the pairs, in the order read. */
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
        return jdbc.withConnection("looking up company names failed", connection -> matching(connection, text));
    }

    /** {@link #matching(String)} on a given connection (the bench's query plans use it too). */
    static Matches matching(Connection connection, String text) throws SQLException {
        String pattern = SnapshotWhere.likeContains(text);
        int names = 0;
        List<Pair> pairs = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(SnapshotSql.ACCOUNTS_BY_COMPANY_NAME)) {
            // Never a server-side prepared statement: each execution is planned with its own pattern.
            st.unwrap(PGStatement.class).setPrepareThreshold(0);
            st.setString(1, pattern);
            st.setInt(2, PostgresSnapshotStore.MAX_NARROWED_NAMES + 1);
            st.setInt(3, PostgresSnapshotStore.MAX_NARROWED_NAMES);
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
        // Past the bound the accounts are not bound into the search, and a narrowed page tests the name anyway.
        boolean renamed = names > PostgresSnapshotStore.MAX_BOUND_ACCOUNTS || (names > 0
                && anyOtherName(connection, pairs.stream().map(Pair::account).distinct().toList(), pattern));
        return new Matches(names, pairs, renamed);
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
