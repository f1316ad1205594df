package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;

/** Asks Ledger to accept (finalise and archive) one company's bill for a period; one call, no retries. */
public interface LedgerGateway {

    AcceptOutcome acceptBill(AccountNumber account, BillingPeriod period, String notes);

    /** Whether Ledger can be called at all; a run fails fast, before listing companies, when it cannot. */
    default boolean configured() {
        return true;
    }

    /** What one call to Ledger came to. */
    sealed interface AcceptOutcome {
        /** Ledger accepted the bill and archived it (HTTP 201). */
        record Archived(int httpStatus) implements AcceptOutcome {
        }

        /** The bill was archived before (HTTP 409): as good as archived now. */
        record AlreadyArchived(int httpStatus) implements AcceptOutcome {
        }

        /**
         * The call failed.
         *
         * @param httpStatus Ledger's status, or 0 when there was no answer (timeout, refused connection)
         * @param retryable  whether trying again may help (5xx, 429, timeouts, connection errors)
         */
        record Failed(int httpStatus, String error, boolean retryable) implements AcceptOutcome {
        }
    }
}
