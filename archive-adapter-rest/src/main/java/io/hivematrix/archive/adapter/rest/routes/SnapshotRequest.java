package io.hivematrix.archive.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivematrix.archive.adapter.rest.json.CanonicalJson;
import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.adapter.rest.security.Caller;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand.LineItemInput;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand.Submission;
import io.hivematrix.archive.application.port.in.Input;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.domain.Snapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a Ledger snapshot body into a {@link CreateSnapshotCommand}. Only JSON types are checked here; a field of
 * the wrong type becomes an {@link Input.Unreadable} so the use case reports it beside every other problem.
 */
public final class SnapshotRequest {
    /** Numbers may also arrive as strings (Python's Decimal often does); only plain decimal notation. */
    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?");
    private final SnapshotBody body;
    private final JsonNode root;

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
        return new SnapshotRequest(body).command(
                new Submission(receivedBody, caller.principal(), caller.submitter(), idempotencyKey));
    }

    private CreateSnapshotCommand command(Submission submission) {
        return new CreateSnapshotCommand(
                identifier(root, "company_account_number"),
                text(root, "company_name"),
                integer(root, "billing_year"),
                integer(root, "billing_month"),
                identifier(root, "invoice_number"),
                text(root, "invoice_date"),
                text(root, "due_date"),
                BillFieldsJson.read(root),
                billingData(body.breakdown()),
                text(root, "invoice_csv"),
                lineItems(),
                text(root, "created_by"),
                text(root, "notes"),
                submission);
    }

    private Input<List<Input<LineItemInput>>> lineItems() {
        JsonNode items = root.get("line_items");
        if (body.tooManyLineItems()) {
            // Before any item is looked at: an error for each of millions of items made a 400 far larger than the body.
            return Input.unreadable("line_items", "must have at most " + Snapshot.MAX_LINE_ITEMS + " items");
        }
        if (items == null || items.isNull()) {
            return Input.absent();
        }
        if (!items.isArray()) {
            return Input.unreadable("line_items", "must be an array");
        }
        List<Input<LineItemInput>> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = "line_items[" + i + "]";
            if (!item.isObject()) {
                // Kept in its place, so later items keep their own index in error names.
                inputs.add(Input.unreadable(at, "must be an object"));
                continue;
            }
            inputs.add(Input.of(new LineItemInput(
                    text(item, "line_type", at + ".line_type"),
                    text(item, "item_name", at + ".item_name"),
                    text(item, "description", at + ".description"),
                    decimal(item, "quantity", at + ".quantity"),
                    decimal(item, "rate", at + ".rate"),
                    decimal(item, "amount", at + ".amount"))));
        }
        return Input.of(inputs);
    }

    /**
     * The breakdown as canonical JSON, as {@link SnapshotBody} wrote it out; what could not be stored exactly is
     * refused naming the value's path, rather than failing later, and so is a canonical form that was too long.
     */
    private static Input<String> billingData(CanonicalJson.Outcome breakdown) {
        return switch (breakdown) {
            case null -> Input.absent();
            case CanonicalJson.Outcome.Canonical canonical -> Input.of(canonical.text());
            case CanonicalJson.Outcome.Unstorable unstorable ->
                    Input.unreadable(unstorable.error().field(), unstorable.error().message());
            case CanonicalJson.Outcome.TooLong tooLong -> Input.unreadable("billing_data_json",
                    "must not be longer, written out canonically (numbers in plain digits), than "
                            + SnapshotBody.MAX_CANONICAL_PER_BODY_CHAR + " times the request body");
        };
    }

    /** A text field under its own name (also {@link BillFieldsJson}'s reader of text). */
    static Input<String> text(JsonNode node, String name) {
        return text(node, name, name);
    }

    private static Input<String> text(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Input.absent();
        }
        if (!value.isTextual()) {
            return Input.unreadable(field, "must be a string");
        }
        // JSON escapes can spell half a surrogate pair; stored as UTF-8 it would silently become "?".
        if (Json.hasUnpairedSurrogate(value.textValue())) {
            return Input.unreadable(field, Json.UNPAIRED_SURROGATE);
        }
        return Input.of(value.textValue());
    }

    /** Account and invoice numbers: strings, or whole numbers that some senders emit for digit-only ids. */
    private static Input<String> identifier(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value != null && value.isIntegralNumber() && value.bigIntegerValue().signum() >= 0) {
            return Input.of(value.bigIntegerValue().toString());
        }
        return text(node, name, name);
    }

    /** A whole number (also {@link BillFieldsJson}'s reader of counts). */
    static Input<Integer> integer(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Input.absent();
        }
        BigDecimal number = number(value);
        if (number == null) {
            return Input.unreadable(name, "must be a whole number");
        }
        String tooManyDigits = Json.whyTooManyDigits(number);
        if (tooManyDigits != null) {
            return Input.unreadable(name, tooManyDigits);
        }
        try {
            return Input.of(number.intValueExact());
        } catch (ArithmeticException e) {
            return Input.unreadable(name, "must be a whole number");
        }
    }

    /** A number under its own name ({@link BillFieldsJson}'s reader of money and decimals). */
    static Input<BigDecimal> decimal(JsonNode node, String name) {
        return decimal(node, name, name);
    }

    /**
     * A number, refusing one of more digits than {@link Json#MAX_NUMBER_DIGITS} before the domain sees it. No field
     * of a bill takes one; this way every number of a body meets one rule, with one message, and none of 1,000
     * digits or an exponent of a billion reaches decimal arithmetic.
     */
    private static Input<BigDecimal> decimal(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Input.absent();
        }
        BigDecimal number = number(value);
        if (number == null) {
            return Input.unreadable(field, "must be a number");
        }
        String tooManyDigits = Json.whyTooManyDigits(number);
        return tooManyDigits == null ? Input.of(number) : Input.unreadable(field, tooManyDigits);
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
