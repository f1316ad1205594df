package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one row mapper of {@code snapshot_line_items}, in two views: a row ({@link SnapshotSql#SELECT_LINE_ITEMS}) and
 * a bill's lines aggregated into ordered arrays (the audit chain's {@code li_} columns).
 */
final class LineItemRows {
    private LineItemRows() {
    }

    static LineItem item(Columns row) {
        return new LineItem(LineType.fromCode(row.text("line_type")), row.text("item_name"), row.text("description"),
                row.decimal("quantity"), row.decimal("rate"), new Money(row.decimal("amount")));
    }

    /** A bill's lines from the parallel arrays {@code prefix + column}, position being the array index. */
    static List<LineItem> arrays(ResultSet rs, String prefix) throws SQLException {
        String[] types = (String[]) rs.getArray(prefix + "line_type").getArray();
        String[] names = (String[]) rs.getArray(prefix + "item_name").getArray();
        String[] descriptions = (String[]) rs.getArray(prefix + "description").getArray();
        BigDecimal[] quantities = (BigDecimal[]) rs.getArray(prefix + "quantity").getArray();
        BigDecimal[] rates = (BigDecimal[]) rs.getArray(prefix + "rate").getArray();
        BigDecimal[] amounts = (BigDecimal[]) rs.getArray(prefix + "amount").getArray();
        List<LineItem> items = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            items.add(new LineItem(LineType.fromCode(types[i]), names[i], descriptions[i], quantities[i], rates[i],
                    new Money(amounts[i])));
        }
        return items;
    }
}
