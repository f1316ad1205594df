package io.hivematrix.archive.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One finalized monthly bill as it is archived: immutable, validated, and identified by its
 * invoice number and by its company and period. {@link #recordSha256()} fingerprints everything
 * it says in a canonical form, so a stored copy can be checked against what was sealed.
 *
 * @param terms       the plan, contract term and support level billed under
 * @param charges     the total and each kind of charge
 * @param usage       users, assets and billable hours
 * @param billingData the bill's breakdown as canonical JSON text (keys sorted, numbers as sent)
 * @param createdBy   who the bill says created it (the client may name anyone; it defaults to the caller)
 * @param submittedBy the authenticated principal that sent the bill, {@code service:<name>} or {@code user:<e-mail>};
 *                    null only for bills archived before it was recorded
 */
public record Snapshot(
        InvoiceNumber invoiceNumber,
        AccountNumber accountNumber,
        String companyName,
        BillingPeriod period,
        LocalDate invoiceDate,
        LocalDate dueDate,
        Terms terms,
        Charges charges,
        Usage usage,
        String billingData,
        String invoiceCsv,
        List<LineItem> lineItems,
        String createdBy,
        String notes,
        String submittedBy) {

    public static final String DEFAULT_COMPANY_NAME = "Unknown";
    /** The CSV invoice is the one large text of a bill; 5 MiB leaves room under the 10 MiB body limit. */
    public static final int MAX_CSV_LENGTH = 5 * 1024 * 1024;
    /** A bill with more lines than this is not a monthly bill but a mistake (or an attack). */
    public static final int MAX_LINE_ITEMS = 10_000;
    /** Room for {@code user:} and the longest e-mail a token may carry (255), or a service's name. */
    public static final int MAX_SUBMITTED_BY = 300;
    public static final String SERVICE_PRINCIPAL = "service:";
    public static final String USER_PRINCIPAL = "user:";

    public Snapshot {
        Objects.requireNonNull(invoiceNumber, "invoice number");
        Objects.requireNonNull(accountNumber, "account number");
        Text.required(companyName, Text.NAME, "company name");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(charges, "charges");
        Objects.requireNonNull(usage, "usage");
        if (billingData == null || billingData.isBlank()) {
            throw new IllegalArgumentException("billing data is required");
        }
        Objects.requireNonNull(invoiceCsv, "invoice csv");
        if (invoiceCsv.length() > MAX_CSV_LENGTH) {
            throw new IllegalArgumentException("invoice csv must be at most " + MAX_CSV_LENGTH + " characters");
        }
        lineItems = List.copyOf(lineItems);
        if (lineItems.size() > MAX_LINE_ITEMS) {
            throw new IllegalArgumentException("a bill must have at most " + MAX_LINE_ITEMS + " line items");
        }
        Text.required(createdBy, Text.NAME, "created by");
        Text.optional(notes, Text.NOTES, "notes");
        requireSubmittedBy(submittedBy);
    }

    /**
     * Checks who sent a bill: null (a bill archived before this was recorded), or {@code service:} or {@code user:}
     * followed by a name, at most {@link #MAX_SUBMITTED_BY} characters in all.
     */
    public static String requireSubmittedBy(String submittedBy) {
        if (submittedBy == null) {
            return null;
        }
        Text.optional(submittedBy, MAX_SUBMITTED_BY, "submitted by");
        String name = submittedBy.startsWith(SERVICE_PRINCIPAL) ? submittedBy.substring(SERVICE_PRINCIPAL.length())
                : submittedBy.startsWith(USER_PRINCIPAL) ? submittedBy.substring(USER_PRINCIPAL.length()) : null;
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("submitted by must be service:<name> or user:<e-mail>");
        }
        return submittedBy;
    }

    /** This bill as sent by someone else: the same content, another submitter. */
    public Snapshot withSubmittedBy(String principal) {
        return new Snapshot(invoiceNumber, accountNumber, companyName, period, invoiceDate, dueDate, terms, charges,
                usage, billingData, invoiceCsv, lineItems, createdBy, notes, principal);
    }

    /** Checks a count alone, so callers can name the offending field. */
    public static int requireCount(int count, String what) {
        if (count < 0) {
            throw new IllegalArgumentException(what + " must not be negative");
        }
        return count;
    }

    /**
     * The SHA-256 of this bill's canonical record (every stored field and line, and who submitted it when that is
     * known), as 64 lower-case hex digits. A bill without a submitter hashes exactly as before submitters were
     * recorded, so fingerprints sealed then still verify.
     */
    public String recordSha256() {
        return ContentHash.of(this);
    }
}
