package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand.LineItemInput;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Decimal;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.IsoDate;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.Text;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Turns a raw create command into a valid {@link Snapshot}, or into the full list of field errors. */
final class SnapshotAssembler {
    /** Either a snapshot or the reasons there is none. */
    record Assembled(Snapshot snapshot, List<FieldError> errors) {
    }

    Assembled assemble(CreateSnapshotCommand c) {
        FieldCheck f = new FieldCheck(c.rejected());
        AccountNumber account = f.required("company_account_number", c.companyAccountNumber(),
                () -> new AccountNumber(c.companyAccountNumber()));
        InvoiceNumber invoice = f.required("invoice_number", c.invoiceNumber(),
                () -> new InvoiceNumber(c.invoiceNumber()));
        Integer year = f.required("billing_year", c.billingYear(), () -> BillingPeriod.requireYear(c.billingYear()));
        Integer month = f.required("billing_month", c.billingMonth(),
                () -> BillingPeriod.requireMonth(c.billingMonth()));
        String companyName = f.check("company_name", () -> Text.required(
                c.companyName() == null ? Snapshot.DEFAULT_COMPANY_NAME : c.companyName(), Text.NAME, "company name"));
        LocalDate invoiceDate = f.check("invoice_date", () -> date(c.invoiceDate()));
        LocalDate dueDate = f.check("due_date", () -> date(c.dueDate()));
        String plan = f.check("billing_plan", () -> Text.optional(c.billingPlan(), Text.SHORT, "billing plan"));
        String term = f.check("contract_term", () -> Text.optional(c.contractTerm(), Text.SHORT, "contract term"));
        String level = f.check("support_level", () -> Text.optional(c.supportLevel(), Text.SHORT, "support level"));
        Money total = f.required("total_amount", c.totalAmount(), () -> new Money(c.totalAmount()));
        Money users = f.check("total_user_charges", () -> moneyOrZero(c.totalUserCharges()));
        Money assets = f.check("total_asset_charges", () -> moneyOrZero(c.totalAssetCharges()));
        Money backups = f.check("total_backup_charges", () -> moneyOrZero(c.totalBackupCharges()));
        Money tickets = f.check("total_ticket_charges", () -> moneyOrZero(c.totalTicketCharges()));
        Money lines = f.check("total_line_item_charges", () -> moneyOrZero(c.totalLineItemCharges()));
        BigDecimal hours = f.check("billable_hours", () -> Decimal.requireNonNegative(
                c.billableHours() == null ? BigDecimal.ZERO : c.billableHours(), "billable hours"));
        Integer userCount = f.check("user_count", () -> Snapshot.requireCount(orZero(c.userCount()), "user count"));
        Integer assetCount = f.check("asset_count",
                () -> Snapshot.requireCount(orZero(c.assetCount()), "asset count"));
        String billingData = f.required("billing_data_json", c.billingData(), () -> {
            if (c.billingData().isBlank()) {
                throw new IllegalArgumentException("is required");
            }
            return c.billingData();
        });
        String csv = f.required("invoice_csv", c.invoiceCsv(),
                () -> Text.optional(c.invoiceCsv(), Snapshot.MAX_CSV_LENGTH, "invoice csv"));
        List<LineItem> items = lineItems(c.lineItems(), f);
        String createdBy = f.check("created_by", () -> Text.required(
                c.createdBy() == null ? c.defaultCreatedBy() : c.createdBy(), Text.NAME, "created by"));
        String notes = f.check("notes", () -> Text.optional(c.notes(), Text.NOTES, "notes"));
        if (c.idempotencyKey() != null) {
            f.check("Idempotency-Key", () -> IdempotencyKey.requireKey(c.idempotencyKey()));
        }

        if (!f.ok()) {
            return new Assembled(null, List.copyOf(f.errors()));
        }
        Snapshot snapshot = new Snapshot(invoice, account, companyName, new BillingPeriod(year, month), invoiceDate,
                dueDate, plan, term, level, total, users, assets, backups, tickets, lines, userCount, assetCount,
                hours, billingData, csv, items, createdBy, notes, c.submittedBy());
        return new Assembled(snapshot, List.of());
    }

    private static List<LineItem> lineItems(List<LineItemInput> inputs, FieldCheck f) {
        if (inputs == null) {
            return List.of();
        }
        if (inputs.size() > Snapshot.MAX_LINE_ITEMS) {
            f.reject("line_items", "must have at most " + Snapshot.MAX_LINE_ITEMS + " items");
            return List.of();
        }
        List<LineItem> items = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            LineItemInput in = inputs.get(i);
            if (f.isRejected("line_items[" + i + "]")) {
                continue; // the adapter could not read this item at all and has said so
            }
            String at = "line_items[" + i + "].";
            LineType type = f.check(at + "line_type",
                    () -> in.lineType() == null ? LineType.CUSTOM : LineType.fromCode(in.lineType()));
            String name = f.required(at + "item_name", in.itemName(),
                    () -> Text.required(in.itemName(), Text.NAME, "item name"));
            String description = f.check(at + "description",
                    () -> Text.optional(in.description(), Text.DESCRIPTION, "description"));
            BigDecimal quantity = f.check(at + "quantity", () -> Decimal.requireNonNegative(
                    in.quantity() == null ? BigDecimal.ONE : in.quantity(), "quantity"));
            BigDecimal rate = f.required(at + "rate", in.rate(), () -> Decimal.require(in.rate(), "rate"));
            Money amount = f.required(at + "amount", in.amount(), () -> new Money(in.amount()));
            if (type != null && name != null && quantity != null && rate != null && amount != null) {
                items.add(new LineItem(type, name, description, quantity, rate, amount));
            }
        }
        return items;
    }

    private static LocalDate date(String text) {
        return text == null || text.isEmpty() ? null : IsoDate.parse(text);
    }

    private static Money moneyOrZero(BigDecimal amount) {
        return amount == null ? Money.ZERO : new Money(amount);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
