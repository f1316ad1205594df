package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClientException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * The accounts that ever had a name containing a text, in plain JDBC so that the statement is planned for the
 * text it carries every time: a reused (generic) plan cannot know whether "Garcia Auto Inc" or "ion" is
 * asked, and at 1,000,000 snapshots it walked every name (~90 ms) where the trigram index takes under one.
 */
final class CompanyAccounts {
    private final DataSource dataSource;

    CompanyAccounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** At most {@code atMost} accounts whose names contain {@code text} (case-insensitive, literally). */
    List<String> matching(String text, int atMost) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement st = connection.prepareStatement(SnapshotSql.ACCOUNTS_BY_COMPANY_NAME)) {
            // Never a server-side prepared statement: each execution is planned with its own pattern.
            st.unwrap(PGStatement.class).setPrepareThreshold(0);
            st.setString(1, SnapshotWhere.likeContains(text));
            st.setInt(2, atMost);
            List<String> accounts = new ArrayList<>();
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    accounts.add(rows.getString(1));
                }
            }
            return accounts;
        } catch (SQLException e) {
            throw new DbClientException("looking up company names failed", e);
        }
    }
}
