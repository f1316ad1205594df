package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClientException;
import io.hivematrix.archive.application.port.out.AuditLog.ChainedRecord;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Snapshot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one row mapper of {@code audit_chain}: a link, and a link joined with the bill it names
 * ({@link AuditSql#CHAIN_WITH_RECORDS}, read by the bill's and its lines' own mappers).
 */
final class AuditChainRows {
    private AuditChainRows() {
    }

    static AuditLink link(Columns row) {
        return new AuditLink(row.longValue("seq"), row.longValue("snapshot_id"),
                new InvoiceNumber(row.text("invoice_number")), row.text("content_sha256"),
                row.text("record_sha256"), row.instant("archived_at"), row.text("prev_hash"),
                row.text("entry_hash"));
    }

    /** The current row of {@link AuditSql#CHAIN_WITH_RECORDS}: the link, and the snapshot as it is stored now. */
    static ChainedRecord record(ResultSet rs) throws SQLException {
        Columns row = Columns.of(rs);
        AuditLink link = link(row.prefixed("c_"));
        if (row.optionalLong("id") == null) {
            return new ChainedRecord(link, Optional.empty(), "the row is gone", null, null, null);
        }
        Optional<Snapshot> snapshot;
        String unreadable = null;
        try {
            snapshot = Optional.of(SnapshotRows.snapshot(row, LineItemRows.arrays(rs, "li_")));
        } catch (DbClientException e) {
            throw e; // the database failed, not the row
        } catch (RuntimeException e) {
            // A row edited into something the domain rejects is itself evidence of tampering.
            snapshot = Optional.empty();
            unreadable = e.getMessage();
        }
        return new ChainedRecord(link, snapshot, unreadable, row.text("received_body"), row.text("content_sha256"),
                row.instant("archived_at"));
    }
}
