package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbRow;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One row's columns by name, read alike from a DbClient row or a JDBC result set (a hot path's), so that each table
 * has one row mapper whichever way its rows arrive. Nullable getters answer null for SQL NULL; a driver's failure
 * is reported as {@link HotPathJdbc#failure} reports it.
 */
interface Columns {
    String text(String column);

    /** A NOT NULL integer column. */
    int integer(String column);

    /** A NOT NULL bigint column. */
    long longValue(String column);

    Long optionalLong(String column);

    BigDecimal decimal(String column);

    LocalDate date(String column);

    Instant instant(String column);

    /** The same row with every column name read as {@code prefix + name} (a join's aliased columns). */
    default Columns prefixed(String prefix) {
        Columns row = this;
        return new Columns() {
            @Override
            public String text(String column) {
                return row.text(prefix + column);
            }

            @Override
            public int integer(String column) {
                return row.integer(prefix + column);
            }

            @Override
            public long longValue(String column) {
                return row.longValue(prefix + column);
            }

            @Override
            public Long optionalLong(String column) {
                return row.optionalLong(prefix + column);
            }

            @Override
            public BigDecimal decimal(String column) {
                return row.decimal(prefix + column);
            }

            @Override
            public LocalDate date(String column) {
                return row.date(prefix + column);
            }

            @Override
            public Instant instant(String column) {
                return row.instant(prefix + column);
            }
        };
    }

    /** A DbClient row, through {@link Rows}. */
    static Columns of(DbRow row) {
        return new Columns() {
            @Override
            public String text(String column) {
                return Rows.text(row, column);
            }

            @Override
            public int integer(String column) {
                return Rows.integer(row, column);
            }

            @Override
            public long longValue(String column) {
                return Rows.longValue(row, column);
            }

            @Override
            public Long optionalLong(String column) {
                Object value = Rows.value(row, column);
                return value == null ? null : ((Number) value).longValue();
            }

            @Override
            public BigDecimal decimal(String column) {
                return Rows.decimal(row, column);
            }

            @Override
            public LocalDate date(String column) {
                return Rows.date(row, column);
            }

            @Override
            public Instant instant(String column) {
                Object value = Rows.value(row, column);
                return value == null ? null : Rows.instant(value);
            }
        };
    }

    /**
     * The current row of a JDBC result set. Typed getters throughout: the driver's untyped dates go through a
     * Calendar and were the largest single cost of a search page once DbClient was gone.
     */
    static Columns of(ResultSet rs) {
        return new Columns() {
            @Override
            public String text(String column) {
                try {
                    return rs.getString(column);
                } catch (SQLException e) {
                    throw failed(column, e);
                }
            }

            @Override
            public int integer(String column) {
                try {
                    return rs.getInt(column);
                } catch (SQLException e) {
                    throw failed(column, e);
                }
            }

            @Override
            public long longValue(String column) {
                try {
                    return rs.getLong(column);
                } catch (SQLException e) {
                    throw failed(column, e);
                }
            }

            @Override
            public Long optionalLong(String column) {
                try {
                    long value = rs.getLong(column);
                    return rs.wasNull() ? null : value;
                } catch (SQLException e) {
                    throw failed(column, e);
                }
            }

            @Override
            public BigDecimal decimal(String column) {
                try {
                    return rs.getBigDecimal(column);
                } catch (SQLException e) {
                    throw failed(column, e);
                }
            }

            @Override
            public LocalDate date(String column) {
                try {
                    return rs.getObject(column, LocalDate.class);
                } catch (SQLException e) {
                    throw failed(column, e);
                }
            }

            @Override
            public Instant instant(String column) {
                try {
                    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
                    return at == null ? null : at.toInstant();
                } catch (SQLException e) {
                    throw failed(column, e);
                }
            }
        };
    }

    /** A driver's failure to read a column, reported as every failed statement is. */
    private static RuntimeException failed(String column, SQLException e) {
        return HotPathJdbc.failure("reading column " + column + " failed", e);
    }
}
