package io.hivematrix.archive.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
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

    /**
     * What {@code snapshot_company_names} knows of a company text.
     *
     * @param names    how many (account, name) pairs contain the text, read no further than the bound asked
     * @param accounts the distinct accounts of those pairs
     * @param renamed  whether one of those accounts also had a name that does not contain the text (its
     *                 snapshots under that name must not match, so the name has to be checked row by row);
     *                 only looked up for a list small enough to be bound, false past it
     */
    record Matches(int names, List<String> accounts, boolean renamed) {
        Matches {
            accounts = List.copyOf(accounts);
        }
    }

    /** The pairs whose names contain {@code text} (case-insensitive, literally), reading at most {@code atMost}. */
    Matches matching(String text, int atMost) {
        return jdbc.withConnection("looking up company names failed",
                connection -> matching(connection, text, atMost));
    }

    /** {@link #matching(String, int)} on a given connection (the bench's query plans use it too). */
    static Matches matching(Connection connection, String text, int atMost) throws SQLException {
        String pattern = SnapshotWhere.likeContains(text);
        int names = 0;
        LinkedHashSet<String> accounts = new LinkedHashSet<>();
        try (PreparedStatement st = connection.prepareStatement(SnapshotSql.ACCOUNTS_BY_COMPANY_NAME)) {
            // Never a server-side prepared statement: each execution is planned with its own pattern.
            st.unwrap(PGStatement.class).setPrepareThreshold(0);
            st.setString(1, pattern);
            st.setInt(2, atMost);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    names++;
                    accounts.add(rows.getString(1)); // a renamed account comes once per matching name
                }
            }
        }
        // Past the bound the accounts are not bound into the search, so whether one was renamed does not matter.
        boolean renamed = names > 0 && names <= PostgresSnapshotStore.MAX_BOUND_ACCOUNTS
                && anyOtherName(connection, accounts, pattern);
        return new Matches(names, new ArrayList<>(accounts), renamed);
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
