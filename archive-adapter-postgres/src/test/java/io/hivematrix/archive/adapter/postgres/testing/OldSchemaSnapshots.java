package io.hivematrix.archive.adapter.postgres.testing;

import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.Sha256;
import io.hivematrix.archive.domain.Snapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Writes snapshots as the store of schema versions 3 to 12 did, for tests of databases at such a version (a backup
 * written then, a chain sealed before the transparency log): today's store writes {@code submitted_by}, a column they
 * do not have. The row, its line items and its audit queue entry, in one transaction.
 */
public final class OldSchemaSnapshots {
    private static final String INSERT = """
            INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number, billing_year,
                billing_month, invoice_date, due_date, archived_at, billing_plan, contract_term, support_level,
                total_amount, total_user_charges, total_asset_charges, total_backup_charges, total_ticket_charges,
                total_line_item_charges, user_count, asset_count, billable_hours, billing_data_text, invoice_csv,
                received_body, content_sha256, record_sha256, created_by, notes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """;
    private static final String INSERT_LINE = """
            INSERT INTO snapshot_line_items (snapshot_id, position, line_type, item_name, description, quantity, rate,
                amount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private OldSchemaSnapshots() {
    }

    /** Stores {@code s}, which must name no submitter (those versions recorded none); returns its id. */
    public static long save(DataSource database, Snapshot s, String receivedBody, Instant archivedAt) {
        if (s.submittedBy() != null) {
            throw new IllegalArgumentException("a bill of schema versions before 13 has no submitter");
        }
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement st = c.prepareStatement(INSERT)) {
                int i = 0;
                st.setString(++i, s.accountNumber().value());
                st.setString(++i, s.companyName());
                st.setString(++i, s.invoiceNumber().value());
                st.setInt(++i, s.period().year());
                st.setInt(++i, s.period().month());
                st.setObject(++i, s.invoiceDate());
                st.setObject(++i, s.dueDate());
                st.setObject(++i, OffsetDateTime.ofInstant(archivedAt, ZoneOffset.UTC));
                st.setString(++i, s.terms().billingPlan());
                st.setString(++i, s.terms().contractTerm());
                st.setString(++i, s.terms().supportLevel());
                st.setBigDecimal(++i, s.charges().total().amount());
                st.setBigDecimal(++i, s.charges().userCharges().amount());
                st.setBigDecimal(++i, s.charges().assetCharges().amount());
                st.setBigDecimal(++i, s.charges().backupCharges().amount());
                st.setBigDecimal(++i, s.charges().ticketCharges().amount());
                st.setBigDecimal(++i, s.charges().lineItemCharges().amount());
                st.setInt(++i, s.usage().userCount());
                st.setInt(++i, s.usage().assetCount());
                st.setBigDecimal(++i, s.usage().billableHours());
                st.setString(++i, s.billingData());
                st.setString(++i, s.invoiceCsv());
                st.setString(++i, receivedBody);
                st.setString(++i, Sha256.hex(receivedBody));
                st.setString(++i, s.recordSha256());
                st.setString(++i, s.createdBy());
                st.setString(++i, s.notes());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement st = c.prepareStatement(INSERT_LINE)) {
                for (int position = 0; position < s.lineItems().size(); position++) {
                    LineItem item = s.lineItems().get(position);
                    st.setLong(1, id);
                    st.setInt(2, position);
                    st.setString(3, item.lineType().code());
                    st.setString(4, item.itemName());
                    st.setString(5, item.description());
                    st.setBigDecimal(6, item.quantity());
                    st.setBigDecimal(7, item.rate());
                    st.setBigDecimal(8, item.amount().amount());
                    st.executeUpdate();
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO audit_pending (snapshot_id) VALUES (?)")) {
                st.setLong(1, id);
                st.executeUpdate();
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + s.invoiceNumber().value() + " as an old schema did failed", e);
        }
    }
}
