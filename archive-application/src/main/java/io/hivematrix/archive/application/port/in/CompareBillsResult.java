package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillComparison;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import java.util.Objects;

/** What became of a request to compare two bills; a missing bill is an outcome, not an exception. */
public sealed interface CompareBillsResult {

    /** Both bills are archived: what changed from one to the other. */
    record Found(BillComparison comparison) implements CompareBillsResult {
        public Found {
            Objects.requireNonNull(comparison, "comparison");
        }
    }

    /** No bill has this invoice number; {@code which} says whether it was the bill or the one to compare with. */
    record NotFound(Which which, InvoiceNumber invoiceNumber) implements CompareBillsResult {
        public NotFound {
            Objects.requireNonNull(which, "which");
            Objects.requireNonNull(invoiceNumber, "invoice number");
        }
    }

    /** Nothing to compare with by default: the bill's company has no bill of an earlier period. */
    record NoPrevious(InvoiceNumber invoiceNumber, AccountNumber accountNumber, BillingPeriod period)
            implements CompareBillsResult {
        public NoPrevious {
            Objects.requireNonNull(invoiceNumber, "invoice number");
            Objects.requireNonNull(accountNumber, "account number");
            Objects.requireNonNull(period, "period");
        }
    }

    /** The two bills of a comparison. */
    enum Which {
        /** The bill compared ({@code to}). */
        INVOICE,
        /** The bill it is compared with ({@code from}). */
        AGAINST
    }
}
