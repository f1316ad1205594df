package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbRow;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Reads a DbClient row's column values into Java types, whichever JDBC type the driver hands back. */
final class Rows {
    private Rows() {
    }

    /** The column's value, or null for SQL NULL (DbColumn.get() throws on NULL). */
    static Object value(DbRow row, String column) {
        return row.column(column).asOptional().orElse(null);
    }

    static Instant instant(Object value) {
        return switch (value) {
            case Timestamp ts -> ts.toInstant();
            case OffsetDateTime odt -> odt.toInstant();
            case Instant i -> i;
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }

    static LocalDate date(DbRow row, String column) {
        return date(value(row, column));
    }

    static LocalDate date(Object value) {
        return switch (value) {
            case null -> null;
            case Date d -> d.toLocalDate();
            case LocalDate d -> d;
            default -> throw new IllegalStateException("not a date: " + value.getClass());
        };
    }

    static String text(DbRow row, String column) {
        return text(value(row, column));
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static long longValue(DbRow row, String column) {
        return ((Number) value(row, column)).longValue();
    }

    static int integer(DbRow row, String column) {
        return ((Number) value(row, column)).intValue();
    }

    static boolean bool(DbRow row, String column) {
        return (Boolean) value(row, column);
    }

    static BigDecimal decimal(DbRow row, String column) {
        return (BigDecimal) value(row, column);
    }
}
