package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.dbclient.DbClientException;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.testkit.BillBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/**
 * A save that fails halfway, after the snapshot row and before its last line: a line name no domain rule refuses,
 * refused by a CHECK forged in the database for the length of one call.
 */
final class RefusedLine {
    private RefusedLine() {
    }

    /** {@code valid} with one more line, whose 255-character name the forged CHECK refuses. */
    static Snapshot appendedTo(Snapshot valid) {
        List<LineItem> items = new ArrayList<>(valid.lineItems());
        items.add(new LineItem(LineType.CUSTOM, "x".repeat(255), "d", BigDecimal.ONE, BigDecimal.ONE, Money.of("1")));
        return BillBuilder.from(valid).withLineItems(items).build();
    }

    /** Runs {@code save} while the database refuses long line names, and expects it to fail there. */
    static void failsHalfway(PostgresDatabase database, Executable save) {
        database.dbClient().execute().dml("ALTER TABLE snapshot_line_items ADD CONSTRAINT no_long_names "
                + "CHECK (length(item_name) < 200) NOT VALID");
        try {
            assertThrows(DbClientException.class, save);
        } finally {
            database.dbClient().execute().dml("ALTER TABLE snapshot_line_items DROP CONSTRAINT no_long_names");
        }
    }
}
