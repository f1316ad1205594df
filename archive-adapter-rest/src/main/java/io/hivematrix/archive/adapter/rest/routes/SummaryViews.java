package io.hivematrix.archive.adapter.rest.routes;

import io.hivematrix.archive.domain.SnapshotSummary;
import java.math.BigDecimal;

/** The JSON shapes of snapshot lists: a search hit and a company-history entry, with the original's fields. */
public final class SummaryViews {
    private SummaryViews() {
    }

    /** One result of {@code GET /api/snapshots/search}. */
    record SearchHit(long id, String companyAccountNumber, String companyName, String invoiceNumber, int billingYear,
                     int billingMonth, String invoiceDate, String archivedAt, BigDecimal totalAmount, int userCount,
                     int assetCount) {
        static SearchHit from(SnapshotSummary s) {
            return new SearchHit(s.id(), s.accountNumber().value(), s.companyName(), s.invoiceNumber().value(),
                    s.period().year(), s.period().month(), s.invoiceDate() == null ? null : s.invoiceDate().toString(),
                    SnapshotView.timestamp(s.archivedAt()), s.totalAmount().amount(), s.userCount(), s.assetCount());
        }
    }

    /** One entry of {@code GET /api/snapshots/company/{account}}. */
    record CompanyEntry(long id, String invoiceNumber, int billingYear, int billingMonth, String invoiceDate,
                        String archivedAt, BigDecimal totalAmount, String billingPlan, String contractTerm) {
        static CompanyEntry from(SnapshotSummary s) {
            return new CompanyEntry(s.id(), s.invoiceNumber().value(), s.period().year(), s.period().month(),
                    s.invoiceDate() == null ? null : s.invoiceDate().toString(), SnapshotView.timestamp(s.archivedAt()),
                    s.totalAmount().amount(), s.billingPlan(), s.contractTerm());
        }
    }
}
