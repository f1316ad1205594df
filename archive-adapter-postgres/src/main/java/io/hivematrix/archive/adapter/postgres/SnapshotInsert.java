package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.Snapshot;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a snapshot, its line items and its audit queue entry in ONE statement (one round trip, no
 * separate BEGIN/COMMIT when no idempotency key is given), in plain JDBC: it passes the line items as
 * arrays, which DbClient cannot bind. Plain JDBC through {@link HotPathJdbc} because profiling the create path showed
 * the per-statement round trips and DbClient's parameter binding as a third of the service's CPU per request; as one
 * JDBC statement creates went from 672/s to ~1,100/s (docs/performance.md).
 */
final class SnapshotInsert {
    /**
     * What the statement inserted: the new row's id and its archive time as stored (the database's clock, set by a
     * trigger whatever the statement offered; see V13).
     */
    record Inserted(long id, Instant archivedAt) {
    }

    /** The outcome of one attempt. */
    sealed interface Outcome {
        /** Stored and committed. */
        record Saved(Inserted row) implements Outcome {
        }

        /** Nothing stored: the invoice number or the account and period are already archived. */
        record Clash() implements Outcome {
        }

        /** Nothing stored: the idempotency key was taken by another request first. */
        record KeyTaken() implements Outcome {
        }
    }

    private final HotPathJdbc jdbc;

    SnapshotInsert(HotPathJdbc jdbc) {
        this.jdbc = jdbc;
    }

    Outcome insert(Snapshot s, String receivedBody, String contentSha256, Instant archivedAt, IdempotencyKey key) {
        String what = "storing snapshot " + s.invoiceNumber().value() + " failed";
        if (key == null) {
            // A single statement is atomic on its own: the snapshot, its lines and its queue entry or nothing.
            return jdbc.withConnection(what, connection -> {
                connection.setAutoCommit(true);
                return insertRow(connection, s, receivedBody, contentSha256, archivedAt)
                        .<Outcome>map(Outcome.Saved::new).orElseGet(Outcome.Clash::new);
            });
        }
        return jdbc.inTransaction(what, connection -> {
            Optional<Inserted> row = insertRow(connection, s, receivedBody, contentSha256, archivedAt);
            return row.isEmpty() ? new Outcome.Clash() : withKey(connection, row.get(), key);
        }, outcome -> outcome instanceof Outcome.Saved);
    }

    /**
     * ON CONFLICT DO NOTHING waits for a racing insert of the same keys to commit and then inserts nothing:
     * the caller sees no row and reads the winner, without an aborted transaction.
     */
    private static Optional<Inserted> insertRow(Connection connection, Snapshot s, String receivedBody,
                                                String contentSha256, Instant archivedAt) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(SnapshotSql.INSERT_SNAPSHOT_WITH_LINES)) {
            int i = 0;
            st.setString(++i, s.accountNumber().value());
            st.setString(++i, s.companyName());
            st.setString(++i, s.invoiceNumber().value());
            st.setInt(++i, s.period().year());
            st.setInt(++i, s.period().month());
            setDate(st, ++i, s.invoiceDate());
            setDate(st, ++i, s.dueDate());
            // Offered only: the trigger of V13 replaces it with the database's clock. It stays a parameter so that a
            // database without that trigger (one a test set up to choose archive times) still gets a time.
            st.setObject(++i, OffsetDateTime.ofInstant(archivedAt, ZoneOffset.UTC));
            i = BillColumns.bind(st, i + 1, s);
            st.setString(++i, s.billingData());
            st.setString(++i, s.invoiceCsv());
            st.setString(++i, receivedBody);
            st.setString(++i, contentSha256);
            st.setString(++i, s.recordSha256());
            st.setString(++i, s.createdBy());
            st.setString(++i, s.notes());
            st.setString(++i, s.submittedBy());
            List<LineItem> items = s.lineItems();
            st.setArray(++i, textArray(connection, items.stream().map(item -> item.lineType().code())));
            st.setArray(++i, textArray(connection, items.stream().map(LineItem::itemName)));
            st.setArray(++i, textArray(connection, items.stream().map(LineItem::description)));
            st.setArray(++i, textArray(connection, items.stream().map(item -> plain(item.quantity()))));
            st.setArray(++i, textArray(connection, items.stream().map(item -> plain(item.rate()))));
            st.setArray(++i, textArray(connection, items.stream().map(item -> plain(item.amount().amount()))));
            try (ResultSet row = st.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Inserted(row.getLong("id"), row.getObject("archived_at", OffsetDateTime.class).toInstant()));
            }
        }
    }

    private static Outcome withKey(Connection connection, Inserted row, IdempotencyKey key) {
        // A racing request under the same key waits here for the other to commit; if it did, this one
        // stores nothing and is answered from the key's first request.
        try (PreparedStatement st = connection.prepareStatement(SnapshotSql.INSERT_IDEMPOTENCY_KEY)) {
            st.setString(1, key.caller());
            st.setString(2, key.key());
            st.setString(3, key.requestSha256());
            st.setLong(4, row.id());
            return st.executeUpdate() == 1 ? new Outcome.Saved(row) : new Outcome.KeyTaken();
        } catch (SQLException e) {
            throw HotPathJdbc.failure("storing idempotency key failed", e);
        }
    }

    private static void setDate(PreparedStatement st, int index, LocalDate date) throws SQLException {
        if (date == null) {
            st.setNull(index, Types.DATE);
        } else {
            st.setObject(index, date);
        }
    }

    /** Decimals travel as text and are cast to numeric by the statement: exact, whatever the driver does with arrays. */
    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static Array textArray(Connection connection, Stream<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(String[]::new));
    }
}
