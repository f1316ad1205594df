package io.hivematrix.archive.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Asks PostgreSQL how it would run a search, with sequential scans priced out so any usable index is chosen. */
final class PlanProbe {
    private PlanProbe() {
    }

    /** The plan of counting the rows {@code where} selects. */
    static String explainCount(DataSource dataSource, SnapshotWhere where) throws SQLException {
        return explain(dataSource, SnapshotSql.COUNT + where.sql(), where);
    }

    /** The plan of one newest-first search page. */
    static String explainPage(DataSource dataSource, SnapshotWhere where) throws SQLException {
        return explain(dataSource, SnapshotSql.SELECT_SUMMARY + where.sql() + SnapshotSql.NEWEST_FIRST + " LIMIT 100",
                where);
    }

    private static String explain(DataSource dataSource, String sql, SnapshotWhere where) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // Only priced out, not forbidden: a condition no index can serve still shows as a Filter.
                st.execute("SET LOCAL enable_seqscan = off");
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                for (int i = 0; i < where.params().size(); i++) {
                    ps.setObject(i + 1, where.params().get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            } finally {
                c.rollback();
            }
            return plan.toString();
        }
    }
}
