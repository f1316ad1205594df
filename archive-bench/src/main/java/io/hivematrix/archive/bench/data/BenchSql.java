package io.hivematrix.archive.bench.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Runs SQL statements in autocommit (so VACUUM works) and prints result rows tab-separated: bench/large's
 * way to talk to the embedded database without needing a psql client. Usage: {@code --jdbc-url U [--user postgres] SQL...}.
 */
public final class BenchSql {
    private BenchSql() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length < 3 || !args[0].equals("--jdbc-url")) {
            throw new IllegalArgumentException("usage: BenchSql --jdbc-url URL [--user USER] SQL...");
        }
        int first = args.length > 4 && args[2].equals("--user") ? 4 : 2;
        String user = first == 4 ? args[3] : "postgres";
        try (Connection connection = DriverManager.getConnection(args[1], user, null);
             Statement statement = connection.createStatement()) {
            for (String sql : Arrays.copyOfRange(args, first, args.length)) {
                if (statement.execute(sql)) {
                    print(statement.getResultSet());
                }
            }
        }
    }

    private static void print(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        StringBuilder line = new StringBuilder();
        while (rows.next()) {
            line.setLength(0);
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                line.append(c == 1 ? "" : "\t").append(rows.getString(c));
            }
            System.out.println(line);
        }
    }
}
