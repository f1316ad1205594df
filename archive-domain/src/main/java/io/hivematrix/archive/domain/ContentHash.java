package io.hivematrix.archive.domain;

import java.util.List;

/**
 * Computes a snapshot's content fingerprint over an unambiguous canonical encoding.
 *
 * <p>Every field is written as {@code name:length:value} in a fixed order (a missing value as
 * {@code name:-}), so no two different snapshots encode alike. Money is written at its fixed
 * scale and decimals without trailing zeros, so {@code 100.0} and {@code 100.00} fingerprint
 * alike. The encoding is versioned: changing it means a new version tag, never silently.
 *
 * <p>Version 2 is version 1 with a last field, {@code submitted_by}. A snapshot that names its submitter is encoded
 * as v2; one that does not (archived before submitters were recorded) as v1, byte for byte as it always was, so
 * every fingerprint already stored still verifies.
 *
 * <p>The bill's scalar fields are written as {@link BillFields} lists them: those of v1 in its fixed part, and each
 * added later at the end, after {@code submitted_by}, only when the bill carries it, under the version it brought
 * (the newest such one names the encoding). A bill without them encodes byte for byte as before they existed.
 */
final class ContentHash {
    static final String VERSION = "archive-snapshot-v1";
    static final String VERSION_WITH_SUBMITTER = "archive-snapshot-v2";
    /** The version {@code submitted_by} brought; a field added later brings 3 or more (see {@link BillFields}). */
    static final int SUBMITTER_VERSION = 2;
    private static final String VERSION_PREFIX = "archive-snapshot-v";

    private ContentHash() {
    }

    static String of(Snapshot s) {
        return of(s, BillFields.ALL);
    }

    /** The fingerprint with a given field table (a test's, with a field added later). */
    static String of(Snapshot s, List<BillField<?, ?>> fields) {
        // Hashed as written, piece by piece: a bill of megabytes is never copied whole. Every value is followed by a
        // newline, so no two pieces can split a surrogate pair (see Sha256.Text).
        Sha256.Text out = new Sha256.Text();
        field(out, "version", version(s, fields));
        field(out, "invoice_number", s.invoiceNumber().value());
        field(out, "company_account_number", s.accountNumber().value());
        field(out, "company_name", s.companyName());
        field(out, "billing_period", s.period().toString());
        field(out, "invoice_date", s.invoiceDate() == null ? null : s.invoiceDate().toString());
        field(out, "due_date", s.dueDate() == null ? null : s.dueDate().toString());
        for (BillField<?, ?> field : fields) {
            if (field.version() == 1) {
                field(out, field.name(), field.canonical(s));
            }
        }
        field(out, "billing_data", s.billingData());
        field(out, "invoice_csv", s.invoiceCsv());
        field(out, "line_items", Integer.toString(s.lineItems().size()));
        for (LineItem item : s.lineItems()) {
            field(out, "line_type", item.lineType().code());
            field(out, "item_name", item.itemName());
            field(out, "description", item.description());
            field(out, "quantity", item.quantity().toPlainString());
            field(out, "rate", item.rate().toPlainString());
            field(out, "amount", item.amount().toString());
        }
        field(out, "created_by", s.createdBy());
        field(out, "notes", s.notes());
        if (s.submittedBy() != null) {
            field(out, "submitted_by", s.submittedBy());
        }
        for (BillField<?, ?> field : fields) {
            String value = field.version() == 1 ? null : field.canonical(s);
            if (value != null) {
                field(out, field.name(), value);
            }
        }
        return out.hex();
    }

    /** v1, v2 with a submitter, or the newest version among the later fields the bill carries. */
    private static String version(Snapshot s, List<BillField<?, ?>> fields) {
        int version = s.submittedBy() == null ? 1 : SUBMITTER_VERSION;
        for (BillField<?, ?> field : fields) {
            if (field.version() > version && field.of(s) != null) {
                version = field.version();
            }
        }
        return version == 1 ? VERSION : version == SUBMITTER_VERSION ? VERSION_WITH_SUBMITTER : VERSION_PREFIX + version;
    }

    private static void field(Sha256.Text out, String name, String value) {
        if (value == null) {
            out.append(name + ":-\n");
        } else {
            out.append(name + ":" + value.length() + ":").append(value).append("\n");
        }
    }
}
