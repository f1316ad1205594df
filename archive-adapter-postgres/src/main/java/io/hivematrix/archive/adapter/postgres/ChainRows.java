package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.application.port.out.AuditLog.ChainedRecord;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a row of {@link AuditSql#CHAIN_WITH_RECORDS}: the link, and the snapshot as it is stored now. */
final class ChainRows {
    private ChainRows() {
    }

    static ChainedRecord read(ResultSet rs) throws SQLException {
        AuditLink link = new AuditLink(rs.getLong("seq"), rs.getLong("snapshot_id"),
                new InvoiceNumber(rs.getString("c_invoice_number")), rs.getString("c_content_sha256"),
                rs.getString("c_record_sha256"), instant(rs, "c_archived_at"), rs.getString("prev_hash"),
                rs.getString("entry_hash"));
        rs.getLong("id");
        if (rs.wasNull()) {
            return new ChainedRecord(link, Optional.empty(), "the row is gone", null, null, null);
        }
        Optional<Snapshot> snapshot;
        String unreadable = null;
        try {
            snapshot = Optional.of(snapshot(rs));
        } catch (RuntimeException e) {
            // A row edited into something the domain rejects is itself evidence of tampering.
            snapshot = Optional.empty();
            unreadable = e.getMessage();
        }
        return new ChainedRecord(link, snapshot, unreadable, rs.getString("received_body"),
                rs.getString("content_sha256"), instant(rs, "archived_at"));
    }

    private static Snapshot snapshot(ResultSet rs) throws SQLException {
        return new Snapshot(new InvoiceNumber(rs.getString("invoice_number")),
                new AccountNumber(rs.getString("company_account_number")), rs.getString("company_name"),
                new BillingPeriod(rs.getInt("billing_year"), rs.getInt("billing_month")), date(rs, "invoice_date"),
                date(rs, "due_date"), rs.getString("billing_plan"), rs.getString("contract_term"),
                rs.getString("support_level"), money(rs, "total_amount"), money(rs, "total_user_charges"),
                money(rs, "total_asset_charges"), money(rs, "total_backup_charges"), money(rs, "total_ticket_charges"),
                money(rs, "total_line_item_charges"), rs.getInt("user_count"), rs.getInt("asset_count"),
                rs.getBigDecimal("billable_hours"), rs.getString("billing_data_text"), rs.getString("invoice_csv"),
                lineItems(rs), rs.getString("created_by"), rs.getString("notes"), rs.getString("submitted_by"));
    }

    private static List<LineItem> lineItems(ResultSet rs) throws SQLException {
        String[] types = (String[]) rs.getArray("li_line_type").getArray();
        String[] names = (String[]) rs.getArray("li_item_name").getArray();
        String[] descriptions = (String[]) rs.getArray("li_description").getArray();
        BigDecimal[] quantities = (BigDecimal[]) rs.getArray("li_quantity").getArray();
        BigDecimal[] rates = (BigDecimal[]) rs.getArray("li_rate").getArray();
        BigDecimal[] amounts = (BigDecimal[]) rs.getArray("li_amount").getArray();
        List<LineItem> items = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            items.add(new LineItem(LineType.fromCode(types[i]), names[i], descriptions[i], quantities[i], rates[i],
                    new Money(amounts[i])));
        }
        return items;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private static Money money(ResultSet rs, String column) throws SQLException {
        return new Money(rs.getBigDecimal(column));
    }
}
