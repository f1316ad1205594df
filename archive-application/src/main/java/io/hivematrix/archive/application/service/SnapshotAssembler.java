package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.BillInputs;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand.LineItemInput;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.Input;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillField;
import io.hivematrix.archive.domain.BillFields;
import io.hivematrix.archive.domain.BillValues;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Charges;
import io.hivematrix.archive.domain.Decimal;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.IsoDate;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.Terms;
import io.hivematrix.archive.domain.Text;
import io.hivematrix.archive.domain.Usage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a create command into a valid {@link Snapshot}, or into the full list of field errors. Public so the create
 * path's validation can be measured alone (archive-bench's CreatePathBenchmark); the service is its only other user.
 */
public final class SnapshotAssembler {
    /** Either a snapshot or the reasons there is none. */
    public record Assembled(Snapshot snapshot, List<FieldError> errors) {
    }

    public Assembled assemble(CreateSnapshotCommand c) {
        FieldCheck f = new FieldCheck();
        AccountNumber account = f.required("company_account_number", c.companyAccountNumber(), AccountNumber::new);
        InvoiceNumber invoice = f.required("invoice_number", c.invoiceNumber(), InvoiceNumber::new);
        Integer year = f.required("billing_year", c.billingYear(), BillingPeriod::requireYear);
        Integer month = f.required("billing_month", c.billingMonth(), BillingPeriod::requireMonth);
        String companyName = f.optional("company_name", c.companyName(), name -> Text.required(
                name == null ? Snapshot.DEFAULT_COMPANY_NAME : name, Text.NAME, "company name"));
        LocalDate invoiceDate = f.optional("invoice_date", c.invoiceDate(), SnapshotAssembler::date);
        LocalDate dueDate = f.optional("due_date", c.dueDate(), SnapshotAssembler::date);
        BillValues bill = bill(c.bill(), f);
        String billingData = f.required("billing_data_json", c.billingData(), data -> {
            if (data.isBlank()) {
                throw new IllegalArgumentException("is required");
            }
            return data;
        });
        String csv = f.required("invoice_csv", c.invoiceCsv(),
                text -> Text.optional(text, Snapshot.MAX_CSV_LENGTH, "invoice csv"));
        List<LineItem> items = lineItems(c.lineItems(), f);
        CreateSnapshotCommand.Submission submission = c.submission();
        String createdBy = f.optional("created_by", c.createdBy(), by -> Text.required(
                by == null ? submission.caller() : by, Text.NAME, "created by"));
        String notes = f.optional("notes", c.notes(), t -> Text.optional(t, Text.NOTES, "notes"));
        if (submission.idempotencyKey() != null) {
            f.check("Idempotency-Key", () -> IdempotencyKey.requireKey(submission.idempotencyKey()));
        }

        if (!f.ok()) {
            return new Assembled(null, List.copyOf(f.errors()));
        }
        Snapshot snapshot = new Snapshot(invoice, account, companyName, new BillingPeriod(year, month), invoiceDate,
                dueDate, Terms.of(bill), Charges.of(bill), Usage.of(bill), billingData, csv, items, createdBy, notes,
                submission.submittedBy());
        return new Assembled(snapshot, List.of());
    }

    /** Every field of {@link BillFields}, checked in its order by its own rule. */
    private static BillValues bill(BillInputs inputs, FieldCheck f) {
        BillValues values = new BillValues();
        for (BillField<?, ?> field : BillFields.ALL) {
            check(field, inputs, f, values);
        }
        return values;
    }

    private static <R, T> void check(BillField<R, T> field, BillInputs inputs, FieldCheck f, BillValues values) {
        Input<R> input = inputs.get(field);
        values.put(field, field.presence() == BillField.Presence.REQUIRED
                ? f.required(field.name(), input, field::check)
                : f.optional(field.name(), input, field::check));
    }

    private static List<LineItem> lineItems(Input<List<Input<LineItemInput>>> input, FieldCheck f) {
        List<Input<LineItemInput>> inputs = f.optional("line_items", input, list -> list);
        if (inputs == null) {
            return List.of();
        }
        if (inputs.size() > Snapshot.MAX_LINE_ITEMS) {
            f.reject("line_items", "must have at most " + Snapshot.MAX_LINE_ITEMS + " items");
            return List.of();
        }
        List<LineItem> items = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            String at = "line_items[" + i + "]";
            LineItemInput in = f.required(at, inputs.get(i), item -> item);
            if (in == null) {
                continue; // the adapter could not read this item at all and has said so
            }
            LineType type = f.optional(at + ".line_type", in.lineType(),
                    code -> code == null ? LineType.CUSTOM : LineType.fromCode(code));
            String name = f.required(at + ".item_name", in.itemName(),
                    text -> Text.required(text, Text.NAME, "item name"));
            String description = f.optional(at + ".description", in.description(),
                    text -> Text.optional(text, Text.DESCRIPTION, "description"));
            BigDecimal quantity = f.optional(at + ".quantity", in.quantity(), q -> Decimal.requireNonNegative(
                    q == null ? BigDecimal.ONE : q, "quantity"));
            BigDecimal rate = f.required(at + ".rate", in.rate(), r -> Decimal.require(r, "rate"));
            Money amount = f.required(at + ".amount", in.amount(), Money::new);
            if (type != null && name != null && quantity != null && rate != null && amount != null) {
                items.add(new LineItem(type, name, description, quantity, rate, amount));
            }
        }
        return items;
    }

    private static LocalDate date(String text) {
        return text == null || text.isEmpty() ? null : IsoDate.parse(text);
    }

}
