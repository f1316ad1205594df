package io.hivematrix.archive.adapter.rest.routes;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.Snapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The JSON of {@code GET /api/snapshot/{invoice}}: every field the original returned (the bill's fields of
 * {@link io.hivematrix.archive.domain.BillFields} in their place, by {@link BillFieldsView}), plus line items, the
 * body's hash, who sent the bill (null for bills archived before that was recorded), and whether the snapshot is
 * sealed into the audit chain yet (and where).
 */
public record SnapshotView(
        long id,
        String companyAccountNumber,
        String companyName,
        String invoiceNumber,
        int billingYear,
        int billingMonth,
        String invoiceDate,
        String dueDate,
        String archivedAt,
        @JsonUnwrapped BillFieldsView bill,
        @JsonRawValue String billingData,
        String createdBy,
        String submittedBy,
        String notes,
        List<LineItemView> lineItems,
        String contentSha256,
        boolean sealed,
        Long auditSeq) {

    /** The body of {@code GET /api/snapshot/{invoice}}; public so the GET benchmark serialises the route's own view. */
    public static SnapshotView from(ArchivedSnapshot archived) {
        Snapshot s = archived.snapshot();
        return new SnapshotView(archived.id(), s.accountNumber().value(), s.companyName(), s.invoiceNumber().value(),
                s.period().year(), s.period().month(), date(s.invoiceDate()), date(s.dueDate()),
timestamp(archived.archivedAt()), new BillFieldsView(s), s.billingData(), s.createdBy(), s.submittedBy(),
                s.notes(), s.lineItems().stream().map(LineItemView::from).toList(), archived.contentSha256(),
                archived.sealed(),
                archived.auditSeq());
    }

    /** ISO-8601 with a numeric offset and microseconds, as Python's isoformat() wrote it. */
    static String timestamp(Instant instant) {
        return Timestamps.iso(instant);
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** One line of the bill. */
    record LineItemView(String lineType, String itemName, String description, BigDecimal quantity, BigDecimal rate,
                        BigDecimal amount) {
        public static LineItemView from(LineItem item) {
            return new LineItemView(item.lineType().code(), item.itemName(), item.description(), item.quantity(),
                    item.rate(), item.amount().amount());
        }
    }
}
