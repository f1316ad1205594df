package io.hivematrix.archive.domain;

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
 */
final class ContentHash {
    static final String VERSION = "archive-snapshot-v1";
    static final String VERSION_WITH_SUBMITTER = "archive-snapshot-v2";

    private ContentHash() {
    }

    static String of(Snapshot s) {
        // Hashed as written, piece by piece: a bill of megabytes is never copied whole. Every value is followed by a
        // newline, so no two pieces can split a surrogate pair (see Sha256.Text).
        Sha256.Text out = new Sha256.Text();
        field(out, "version", s.submittedBy() == null ? VERSION : VERSION_WITH_SUBMITTER);
        field(out, "invoice_number", s.invoiceNumber().value());
        field(out, "company_account_number", s.accountNumber().value());
        field(out, "company_name", s.companyName());
        field(out, "billing_period", s.period().toString());
        field(out, "invoice_date", s.invoiceDate() == null ? null : s.invoiceDate().toString());
        field(out, "due_date", s.dueDate() == null ? null : s.dueDate().toString());
        field(out, "billing_plan", s.terms().billingPlan());
        field(out, "contract_term", s.terms().contractTerm());
        field(out, "support_level", s.terms().supportLevel());
        field(out, "total_amount", s.charges().total().toString());
        field(out, "total_user_charges", s.charges().userCharges().toString());
        field(out, "total_asset_charges", s.charges().assetCharges().toString());
        field(out, "total_backup_charges", s.charges().backupCharges().toString());
        field(out, "total_ticket_charges", s.charges().ticketCharges().toString());
        field(out, "total_line_item_charges", s.charges().lineItemCharges().toString());
        field(out, "user_count", Integer.toString(s.usage().userCount()));
        field(out, "asset_count", Integer.toString(s.usage().assetCount()));
        field(out, "billable_hours", s.usage().billableHours().toPlainString());
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
        return out.hex();
    }

    private static void field(Sha256.Text out, String name, String value) {
        if (value == null) {
            out.append(name + ":-\n");
        } else {
            out.append(name + ":" + value.length() + ":").append(value).append("\n");
        }
    }
}
