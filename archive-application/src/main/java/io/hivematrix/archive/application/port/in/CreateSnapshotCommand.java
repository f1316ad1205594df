package io.hivematrix.archive.application.port.in;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A request to archive one bill, each field as the adapter read it ({@link Input}: absent, given, or unreadable with
 * why); {@link CreateSnapshot} validates every field and reports all problems at once.
 *
 * @param bill        the bill's scalar fields (terms, charges, usage), one {@link Input} per field of
 *                    {@link io.hivematrix.archive.domain.BillFields}
 * @param billingData the bill breakdown as canonical JSON text
 * @param lineItems   the line items, each read on its own (one unreadable item leaves the others' indexes alone)
 * @param submission  who sent the request, how, and the body as received
 */
public record CreateSnapshotCommand(
        Input<String> companyAccountNumber,
        Input<String> companyName,
        Input<Integer> billingYear,
        Input<Integer> billingMonth,
        Input<String> invoiceNumber,
        Input<String> invoiceDate,
        Input<String> dueDate,
        BillInputs bill,
        Input<String> billingData,
        Input<String> invoiceCsv,
        Input<List<Input<LineItemInput>>> lineItems,
        Input<String> createdBy,
        Input<String> notes,
        Submission submission) {

    public CreateSnapshotCommand {
        Objects.requireNonNull(companyAccountNumber, "company account number");
        Objects.requireNonNull(companyName, "company name");
        Objects.requireNonNull(billingYear, "billing year");
        Objects.requireNonNull(billingMonth, "billing month");
        Objects.requireNonNull(invoiceNumber, "invoice number");
        Objects.requireNonNull(invoiceDate, "invoice date");
        Objects.requireNonNull(dueDate, "due date");
        Objects.requireNonNull(bill, "bill fields");
        Objects.requireNonNull(billingData, "billing data");
        Objects.requireNonNull(invoiceCsv, "invoice csv");
        Objects.requireNonNull(lineItems, "line items");
        Objects.requireNonNull(createdBy, "created by");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(submission, "submission");
    }

    /** One line item, each field as read. */
    public record LineItemInput(Input<String> lineType, Input<String> itemName, Input<String> description,
                                Input<BigDecimal> quantity, Input<BigDecimal> rate, Input<BigDecimal> amount) {
        public LineItemInput {
            Objects.requireNonNull(lineType, "line type");
            Objects.requireNonNull(itemName, "item name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * How the bill arrived.
     *
     * @param receivedBody   the exact request body, kept beside the parsed bill for forensics
     * @param caller         who to record as creator when the body names nobody, and whose idempotency keys apply
     * @param submittedBy    the authenticated principal that sent the request ({@code service:<name>} or
     *                       {@code user:<e-mail>}): set by the adapter from the verified token, never by the body
     * @param idempotencyKey the client's {@code Idempotency-Key}, scoped to {@code caller}; or null
     */
    public record Submission(String receivedBody, String caller, String submittedBy, String idempotencyKey) {
        public Submission {
            Objects.requireNonNull(receivedBody, "received body");
            Objects.requireNonNull(submittedBy, "submitted by: who sent the request, as authenticated");
        }
    }
}
