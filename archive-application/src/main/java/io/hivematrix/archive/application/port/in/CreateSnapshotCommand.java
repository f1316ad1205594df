package io.hivematrix.archive.application.port.in;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to archive one bill, as raw as the client sent it; {@link CreateSnapshot} validates
 * every field and reports all problems at once.
 *
 * @param billingData      the bill breakdown as canonical JSON text, or null when absent
 * @param receivedBody     the exact request body, kept beside the parsed bill for forensics
 * @param defaultCreatedBy who to record as creator when the body names nobody (the caller)
 * @param submittedBy      the authenticated principal that sent the request ({@code service:<name>} or
 *                         {@code user:<e-mail>}): set by the adapter from the verified token, never by the body
 * @param rejected         fields the adapter already could not read (wrong JSON type), by name, in body order
 * @param idempotencyKey   the client's {@code Idempotency-Key}, scoped to the caller {@code defaultCreatedBy}; or null
 */
public record CreateSnapshotCommand(
        String companyAccountNumber,
        String companyName,
        Integer billingYear,
        Integer billingMonth,
        String invoiceNumber,
        String invoiceDate,
        String dueDate,
        String billingPlan,
        String contractTerm,
        String supportLevel,
        BigDecimal totalAmount,
        BigDecimal totalUserCharges,
        BigDecimal totalAssetCharges,
        BigDecimal totalBackupCharges,
        BigDecimal totalTicketCharges,
        BigDecimal totalLineItemCharges,
        BigDecimal billableHours,
        Integer userCount,
        Integer assetCount,
        String billingData,
        String invoiceCsv,
        List<LineItemInput> lineItems,
        String createdBy,
        String notes,
        String receivedBody,
        String defaultCreatedBy,
        String submittedBy,
        Map<String, String> rejected,
        String idempotencyKey) {

    public CreateSnapshotCommand {
        Objects.requireNonNull(submittedBy, "submitted by: who sent the request, as authenticated");
        lineItems = lineItems == null ? null : List.copyOf(lineItems);
        // In the order found: a 400 names only the first few dozen problems, and they should be the body's first.
        rejected = rejected == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
    }

    /** One raw line item. */
    public record LineItemInput(String lineType, String itemName, String description, BigDecimal quantity,
                                BigDecimal rate, BigDecimal amount) {
    }
}
