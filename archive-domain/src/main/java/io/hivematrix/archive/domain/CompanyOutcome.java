package io.hivematrix.archive.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What a snapshot job achieved for one company.
 *
 * @param companyName   the name Codex gave, when it gave one
 * @param detail        what happened, e.g. Ledger's answer or the error; optional
 * @param attempts      how many calls were made; 0 when the company needed none (e.g. already archived)
 * @param httpStatus    Ledger's last HTTP status; {@code null} when no call was made or none answered
 * @param invoiceNumber the archived bill's invoice number; {@code null} unless the company was archived
 * @param startedAt     when work on the company began; optional
 * @param finishedAt    when its outcome was known; optional, never before {@code startedAt}
 */
public record CompanyOutcome(AccountNumber account, String companyName, boolean success, String detail, int attempts,
                             Integer httpStatus, String invoiceNumber, Instant startedAt, Instant finishedAt) {
    /** Longest invoice number stored, as {@code snapshot_job_companies.invoice_number}. */
    public static final int INVOICE_NUMBER_MAX = 50;

    public CompanyOutcome {
        Objects.requireNonNull(account, "account");
        Text.optional(companyName, Text.NAME, "company name");
        Text.optional(detail, Text.DESCRIPTION, "detail");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
        if (httpStatus != null && (httpStatus < 100 || httpStatus > 599)) {
            throw new IllegalArgumentException("HTTP status must be between 100 and 599");
        }
        if (invoiceNumber != null) {
            if (invoiceNumber.isBlank()) {
                throw new IllegalArgumentException("invoice number must not be blank");
            }
            Text.optional(invoiceNumber, INVOICE_NUMBER_MAX, "invoice number");
            if (!success) {
                throw new IllegalArgumentException("only a successful outcome may have an invoice number");
            }
        }
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("finished at must not be before started at");
        }
    }

    /** An outcome without HTTP status, invoice number or times. */
    public CompanyOutcome(AccountNumber account, String companyName, boolean success, String detail, int attempts) {
        this(account, companyName, success, detail, attempts, null, null, null, null);
    }
}
