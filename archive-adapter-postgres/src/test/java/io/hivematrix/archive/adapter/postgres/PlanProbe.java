package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.domain.SnapshotFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Asks PostgreSQL how it would run a statement, with sequential scans priced out so any usable index is chosen. */
final class PlanProbe {
    private PlanProbe() {
    }

    /** The plan of counting the rows {@code where} selects. */
    static String explainCount(DataSource dataSource, SnapshotWhere where) throws SQLException {
        return explain(dataSource, SnapshotSql.COUNT + where.sql(), where.params());
    }

    /** The plan of one newest-first search page. */
    static String explainPage(DataSource dataSource, SnapshotFilter filter, SnapshotWhere where) throws SQLException {
        List<Object> params = new ArrayList<>(where.params());
        params.add(100);
        params.add(0);
        return explain(dataSource, SnapshotSql.page(where), params);
    }

    /** The plan of any statement, with its parameters. */
    static String explain(DataSource dataSource, String sql, List<?> params) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // Only priced out, not forbidden: a condition no index can serve still shows as a Filter.
                st.execute("SET LOCAL enable_seqscan = off");
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
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
