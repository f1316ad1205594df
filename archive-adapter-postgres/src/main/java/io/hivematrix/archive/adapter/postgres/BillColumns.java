package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.domain.BillField;
import io.hivematrix.archive.domain.BillFields;
import io.hivematrix.archive.domain.BillValues;
import io.hivematrix.archive.domain.FieldKind;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bill's fields ({@link BillFields}) as columns of {@code billing_snapshots}: each in the column of its own
 * name, bound and read by one binder and one reader per {@link FieldKind}. The per-field steps are made once, here,
 * so an insert or a read walks a list of lambdas.
 */
final class BillColumns {
    /** Binds one kind's domain value (null as SQL NULL). */
    private interface KindBinder<T> {
        void bind(PreparedStatement st, int index, T value) throws SQLException;
    }

    /** Reads one kind's domain value from a column (SQL NULL as null). */
    private interface KindReader<T> {
        T read(Columns row, String column);
    }

    private interface FieldBinder {
        void bind(PreparedStatement st, int index, Snapshot bill) throws SQLException;
    }

    private interface FieldReader {
        void read(Columns row, BillValues into);
    }

    /** The columns, comma-separated, in table order: what the statements list. */
    static final String NAMES = names("");

    private static final List<FieldBinder> BINDERS = BillFields.ALL.stream().map(BillColumns::binder).toList();
    private static final List<FieldReader> READERS = BillFields.ALL.stream().map(BillColumns::reader).toList();

    private BillColumns() {
    }

    /** The columns with a table alias ({@code "s."}), comma-separated, in table order. */
    static String names(String prefix) {
        return BillFields.ALL.stream().map(field -> prefix + field.name()).collect(Collectors.joining(", "));
    }

    static int count() {
        return BillFields.ALL.size();
    }

    /** Binds every field of a bill from parameter {@code first} on; returns the last index bound. */
    static int bind(PreparedStatement st, int first, Snapshot bill) throws SQLException {
        int i = first;
        for (FieldBinder binder : BINDERS) {
            binder.bind(st, i++, bill);
        }
        return i - 1;
    }

    /** Every field of a row, as stored. */
    static BillValues read(Columns row) {
        BillValues values = new BillValues();
        for (FieldReader reader : READERS) {
            reader.read(row, values);
        }
        return values;
    }

    private static <T> FieldBinder binder(BillField<?, T> field) {
        KindBinder<T> kind = kindBinder(field.kind());
        return (st, index, bill) -> kind.bind(st, index, field.of(bill));
    }

    private static <T> FieldReader reader(BillField<?, T> field) {
        KindReader<T> kind = kindReader(field.kind());
        String column = field.name();
        return (row, into) -> into.put(field, kind.read(row, column));
    }

    @SuppressWarnings("unchecked") // each tag's kind keeps its own value type: FieldKind pairs them
    private static <T> KindBinder<T> kindBinder(FieldKind<?, T> kind) {
        KindBinder<?> binder = switch (kind.tag()) {
            case TEXT -> (KindBinder<String>) PreparedStatement::setString;
            case MONEY -> (KindBinder<Money>) (st, i, money) -> st.setBigDecimal(i, money == null ? null : money.amount());
            case COUNT -> (KindBinder<Integer>) (st, i, count) -> {
                if (count == null) {
                    st.setNull(i, Types.INTEGER);
                } else {
                    st.setInt(i, count);
                }
            };
            case DECIMAL -> (KindBinder<BigDecimal>) PreparedStatement::setBigDecimal;
        };
        return (KindBinder<T>) binder;
    }

    @SuppressWarnings("unchecked") // each tag's kind keeps its own value type: FieldKind pairs them
    private static <T> KindReader<T> kindReader(FieldKind<?, T> kind) {
        KindReader<?> reader = switch (kind.tag()) {
            case TEXT -> (KindReader<String>) Columns::text;
            case MONEY -> (KindReader<Money>) (row, column) -> {
                BigDecimal amount = row.decimal(column);
                return amount == null ? null : new Money(amount);
            };
            case COUNT -> (KindReader<Integer>) (row, column) -> {
                Long count = row.optionalLong(column);
                return count == null ? null : Math.toIntExact(count);
            };
            // NUMERIC(19,6) comes back as 2.500000; the domain keeps 2.5 (the part's check strips it).
            case DECIMAL -> (KindReader<BigDecimal>) Columns::decimal;
        };
        return (KindReader<T>) reader;
    }
}
