package io.hivematrix.archive.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivematrix.archive.adapter.rest.json.CanonicalJson;
import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.adapter.rest.security.Caller;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand.LineItemInput;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.domain.Snapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a Ledger snapshot body into a {@link CreateSnapshotCommand}. Only JSON types are checked here;
 * a field of the wrong type is recorded as rejected so the use case reports it beside every other problem.
 */
public final class SnapshotRequest {
    /** Numbers may also arrive as strings (Python's Decimal often does); only plain decimal notation. */
    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?");
    private final SnapshotBody body;
    private final JsonNode root;
    private final Map<String, String> rejected = new LinkedHashMap<>();

    private SnapshotRequest(SnapshotBody body) {
        this.body = body;
        this.root = body.fields();
    }

    /**
     * The create command from a body read by {@link SnapshotBody#read}, as the create route builds it (via
     * {@link SnapshotBodies}); public for the benchmark of this step alone.
     */
    public static CreateSnapshotCommand toCommand(SnapshotBody body, String receivedBody, Caller caller,
                                           String idempotencyKey) {
        return new SnapshotRequest(body).command(receivedBody, caller, idempotencyKey);
    }

    private CreateSnapshotCommand command(String receivedBody, Caller caller, String idempotencyKey) {
        return new CreateSnapshotCommand(
                identifier(root, "company_account_number"),
                text(root, "company_name"),
                integer(root, "billing_year"),
                integer(root, "billing_month"),
                identifier(root, "invoice_number"),
                text(root, "invoice_date"),
                text(root, "due_date"),
                text(root, "billing_plan"),
                text(root, "contract_term"),
                text(root, "support_level"),
                decimal(root, "total_amount", "total_amount"),
                decimal(root, "total_user_charges", "total_user_charges"),
                decimal(root, "total_asset_charges", "total_asset_charges"),
                decimal(root, "total_backup_charges", "total_backup_charges"),
                decimal(root, "total_ticket_charges", "total_ticket_charges"),
                decimal(root, "total_line_item_charges", "total_line_item_charges"),
                decimal(root, "billable_hours", "billable_hours"),
                integer(root, "user_count"),
                integer(root, "asset_count"),
                billingData(body.breakdown()),
                text(root, "invoice_csv"),
                lineItems(),
                text(root, "created_by"),
                text(root, "notes"),
                receivedBody,
                caller.principal(),
                caller.submitter(),
                rejected,
                idempotencyKey);
    }

    private List<LineItemInput> lineItems() {
        JsonNode items = root.get("line_items");
        if (body.tooManyLineItems()) {
            // Before any item is looked at: an error for each of millions of items made a 400 far larger than the body.
            rejected.put("line_items", "must have at most " + Snapshot.MAX_LINE_ITEMS + " items");
            return null;
        }
        if (items == null || items.isNull()) {
            return null;
        }
        if (!items.isArray()) {
            rejected.put("line_items", "must be an array");
            return null;
        }
        List<LineItemInput> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = "line_items[" + i + "]";
            if (!item.isObject()) {
                rejected.put(at, "must be an object");
                // A placeholder keeps later items at their own index in error names.
                inputs.add(new LineItemInput(null, null, null, null, null, null));
                continue;
            }
            inputs.add(new LineItemInput(
                    text(item, "line_type", at + ".line_type"),
                    text(item, "item_name", at + ".item_name"),
                    text(item, "description", at + ".description"),
                    decimal(item, "quantity", at + ".quantity"),
                    decimal(item, "rate", at + ".rate"),
                    decimal(item, "amount", at + ".amount")));
        }
        return inputs;
    }

    /**
     * The breakdown as canonical JSON, as {@link SnapshotBody} wrote it out; what could not be stored exactly is
     * refused naming the value's path, rather than failing later, and so is a canonical form that was too long.
     */
    private String billingData(CanonicalJson.Outcome breakdown) {
        return switch (breakdown) {
            case null -> null;
            case CanonicalJson.Outcome.Canonical canonical -> canonical.text();
            case CanonicalJson.Outcome.Unstorable unstorable -> {
                rejected.put(unstorable.error().field(), unstorable.error().message());
                yield null;
            }
            case CanonicalJson.Outcome.TooLong tooLong -> {
                rejected.put("billing_data_json", "must not be longer, written out canonically (numbers in plain"
                        + " digits), than " + SnapshotBody.MAX_CANONICAL_PER_BODY_CHAR + " times the request body");
                yield null;
            }
        };
    }

    private String text(JsonNode node, String name) {
        return text(node, name, name);
    }

    private String text(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            rejected.put(field, "must be a string");
            return null;
        }
        // JSON escapes can spell half a surrogate pair; stored as UTF-8 it would silently become "?".
        if (Json.hasUnpairedSurrogate(value.textValue())) {
            rejected.put(field, Json.UNPAIRED_SURROGATE);
            return null;
        }
        return value.textValue();
    }

    /** Account and invoice numbers: strings, or whole numbers that some senders emit for digit-only ids. */
    private String identifier(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value != null && value.isIntegralNumber() && value.bigIntegerValue().signum() >= 0) {
            return value.bigIntegerValue().toString();
        }
        return text(node, name, name);
    }

    private Integer integer(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        BigDecimal number = number(value);
        if (number == null) {
            rejected.put(name, "must be a whole number");
            return null;
        }
        if (tooManyDigits(number, name)) {
            return null;
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            rejected.put(name, "must be a whole number");
            return null;
        }
    }

    private BigDecimal decimal(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        BigDecimal number = number(value);
        if (number == null) {
            rejected.put(field, "must be a number");
            return null;
        }
        return tooManyDigits(number, field) ? null : number;
    }

    /**
     * Refuses a number of more digits than {@link Json#MAX_NUMBER_DIGITS} before the domain sees it. No field of a
     * bill takes one; this way every number of a body meets one rule, with one message, and none of 1,000 digits or
     * an exponent of a billion reaches decimal arithmetic.
     */
    private boolean tooManyDigits(BigDecimal number, String field) {
        String why = Json.whyTooManyDigits(number);
        if (why != null) {
            rejected.put(field, why);
        }
        return why != null;
    }

    /** The exact decimal a JSON number or numeric string spells, or null if it is neither. */
    private static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual() && DECIMAL_TEXT.matcher(value.textValue()).matches()) {
            return new BigDecimal(value.textValue());
        }
        return null;
    }
}
