package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotTest {
    private static final String SUBMITTER_RULE = "submitted by must be service:<name> or user:<e-mail>";

    @Test
    void sample_isValid() {
        Snapshot snapshot = new SnapshotBuilder().build();
        assertEquals(new InvoiceNumber("620547-202510"), snapshot.invoiceNumber());
        assertEquals(2, snapshot.lineItems().size());
    }

    @Test
    void optionalFields_mayBeMissing() {
        SnapshotBuilder b = new SnapshotBuilder();
        b.invoiceDate = null;
        b.dueDate = null;
        b.billingPlan = null;
        b.contractTerm = null;
        b.supportLevel = null;
        b.notes = null;
        b.lineItems = List.of();
        assertDoesNotThrow(b::build);
    }

    @Test
    void lineItems_areCopiedSoTheCallersListCannotChangeIt() {
        SnapshotBuilder b = new SnapshotBuilder();
        Snapshot snapshot = b.build();
        b.lineItems.clear();
        assertEquals(2, snapshot.lineItems().size());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.lineItems().clear());
    }

    @Test
    void billableHours_areKeptWithoutTrailingZeros() {
        SnapshotBuilder b = new SnapshotBuilder();
        b.billableHours = new BigDecimal("2.500");
        assertEquals(new BigDecimal("2.5"), b.build().usage().billableHours());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                invalid("blank company name", b -> b.companyName = " ", "company name is required"),
                invalid("company name over 255", b -> b.companyName = "x".repeat(256),
                        "company name must be at most 255 characters"),
                invalid("billing plan over 100", b -> b.billingPlan = "x".repeat(101),
                        "billing plan must be at most 100 characters"),
                invalid("contract term over 100", b -> b.contractTerm = "x".repeat(101),
                        "contract term must be at most 100 characters"),
                invalid("support level over 100", b -> b.supportLevel = "x".repeat(101),
                        "support level must be at most 100 characters"),
                invalid("negative user count", b -> b.userCount = -1, "user count must not be negative"),
                invalid("negative asset count", b -> b.assetCount = -1, "asset count must not be negative"),
                invalid("negative billable hours", b -> b.billableHours = new BigDecimal("-0.5"),
                        "billable hours must not be negative"),
                invalid("missing billable hours", b -> b.billableHours = null, "billable hours is required"),
                invalid("blank billing data", b -> b.billingData = "  ", "billing data is required"),
                invalid("missing billing data", b -> b.billingData = null, "billing data is required"),
                invalid("csv over 5 MiB", b -> b.invoiceCsv = "x".repeat(Snapshot.MAX_CSV_LENGTH + 1),
                        "invoice csv must be at most 5242880 characters"),
                invalid("missing created by", b -> b.createdBy = null, "created by is required"),
                invalid("notes over 10000", b -> b.notes = "x".repeat(10_001),
                        "notes must be at most 10000 characters"),
                invalid("NUL in notes", b -> b.notes = "a\0b", "notes must not contain NUL characters"),
                invalid("submitted by without a kind", b -> b.submittedBy = "ledger", SUBMITTER_RULE),
                invalid("submitted by of another kind", b -> b.submittedBy = "system:scheduler", SUBMITTER_RULE),
                invalid("submitted by without a name", b -> b.submittedBy = "service:", SUBMITTER_RULE),
                invalid("submitted by with a blank name", b -> b.submittedBy = "user:  ", SUBMITTER_RULE),
                invalid("submitted by in upper case", b -> b.submittedBy = "USER:ann@example.com", SUBMITTER_RULE),
                invalid("submitted by over 300", b -> b.submittedBy = "user:" + "x".repeat(296),
                        "submitted by must be at most 300 characters"),
                invalid("NUL in submitted by", b -> b.submittedBy = "user:a\0b",
                        "submitted by must not contain NUL characters"));
    }

    private static Arguments invalid(String name, Consumer<SnapshotBuilder> change, String message) {
        return Arguments.of(name, change, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidField_isRejectedWithItsName(String name, Consumer<SnapshotBuilder> change, String message) {
        SnapshotBuilder b = new SnapshotBuilder();
        change.accept(b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> missingRequired() {
        return Stream.<Consumer<SnapshotBuilder>>of(
                b -> b.invoiceNumber = null,
                b -> b.accountNumber = null,
                b -> b.period = null,
                b -> b.totalAmount = null,
                b -> b.totalUserCharges = null,
                b -> b.totalAssetCharges = null,
                b -> b.totalBackupCharges = null,
                b -> b.totalTicketCharges = null,
                b -> b.totalLineItemCharges = null,
                b -> b.invoiceCsv = null,
                b -> b.lineItems = null).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("missingRequired")
    void missingRequiredValue_isRejected(Consumer<SnapshotBuilder> change) {
        SnapshotBuilder b = new SnapshotBuilder();
        change.accept(b);
        assertThrows(NullPointerException.class, b::build);
    }

    @Test
    void submittedBy_mayBeAServiceOrAUser_orMissingOnOldBills() {
        for (String principal : new String[]{"service:ledger", "user:ann@example.com", "user:" + "x".repeat(295), null}) {
            SnapshotBuilder b = new SnapshotBuilder();
            b.submittedBy = principal;
            assertEquals(principal, b.build().submittedBy());
        }
    }

    @Test
    void withSubmittedBy_changesOnlyTheSubmitter() {
        SnapshotBuilder b = new SnapshotBuilder();
        b.submittedBy = "user:ann@example.com";
        Snapshot resent = new SnapshotBuilder().build().withSubmittedBy("user:ann@example.com");
        assertEquals(b.build(), resent);
        assertEquals(new SnapshotBuilder().build(), resent.withSubmittedBy(null));
    }

    @Test
    void csvOfExactly5MiB_isAccepted() {
        SnapshotBuilder b = new SnapshotBuilder();
        b.invoiceCsv = "x".repeat(Snapshot.MAX_CSV_LENGTH);
        assertDoesNotThrow(b::build);
    }

    @Test
    void emptyCsv_isAccepted() {
        SnapshotBuilder b = new SnapshotBuilder();
        b.invoiceCsv = "";
        assertDoesNotThrow(b::build);
    }

    @Test
    void requireCount_acceptsZeroAndRejectsNegatives() {
        assertEquals(0, Snapshot.requireCount(0, "user count"));
        assertThrows(IllegalArgumentException.class, () -> Snapshot.requireCount(-1, "user count"));
    }

    // --- content fingerprint ---

    @Test
    void recordSha256_isSixtyFourLowerCaseHexDigits() {
        String hash = new SnapshotBuilder().build().recordSha256();
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
    }

    @Test
    void recordSha256_isStableForEqualContent() {
        assertEquals(new SnapshotBuilder().build().recordSha256(), new SnapshotBuilder().build().recordSha256());
    }

    @Test
    void recordSha256_isEqualFor100Point0And100Point00() {
        SnapshotBuilder one = new SnapshotBuilder();
        one.totalAmount = new Money(new BigDecimal("100.0"));
        one.lineItems = List.of(new LineItem(LineType.USER, "Users", null, new BigDecimal("2.000"),
                new BigDecimal("50.0"), new Money(new BigDecimal("100.0"))));
        one.billableHours = new BigDecimal("1.50");
        SnapshotBuilder two = new SnapshotBuilder();
        two.totalAmount = new Money(new BigDecimal("100.00"));
        two.lineItems = List.of(new LineItem(LineType.USER, "Users", null, new BigDecimal("2"),
                new BigDecimal("50"), new Money(new BigDecimal("100"))));
        two.billableHours = new BigDecimal("1.5");
        assertEquals(two.build().recordSha256(), one.build().recordSha256());
    }

    /** Every field, each changed alone, must change the fingerprint. */
    static Stream<Arguments> singleFieldChanges() {
        return Stream.of(
                change("invoice number", b -> b.invoiceNumber = new InvoiceNumber("620547-202510b")),
                change("account number", b -> b.accountNumber = new AccountNumber("620548")),
                change("company name", b -> b.companyName = "Acme Widgets Inc"),
                change("period year", b -> b.period = new BillingPeriod(2024, 10)),
                change("period month", b -> b.period = new BillingPeriod(2025, 11)),
                change("invoice date", b -> b.invoiceDate = LocalDate.of(2025, 11, 2)),
                change("invoice date missing", b -> b.invoiceDate = null),
                change("due date", b -> b.dueDate = LocalDate.of(2025, 12, 2)),
                change("due date missing", b -> b.dueDate = null),
                change("billing plan", b -> b.billingPlan = "Premium"),
                change("billing plan missing", b -> b.billingPlan = null),
                change("contract term", b -> b.contractTerm = "Annual"),
                change("support level", b -> b.supportLevel = "Silver"),
                change("total amount", b -> b.totalAmount = Money.of("1250.01")),
                change("total amount sign", b -> b.totalAmount = Money.of("-1250.00")),
                change("total user charges", b -> b.totalUserCharges = Money.of("1000.01")),
                change("total asset charges", b -> b.totalAssetCharges = Money.of("150.01")),
                change("total backup charges", b -> b.totalBackupCharges = Money.of("50.01")),
                change("total ticket charges", b -> b.totalTicketCharges = Money.of("25.01")),
                change("total line item charges", b -> b.totalLineItemCharges = Money.of("25.01")),
                change("user count", b -> b.userCount = 11),
                change("asset count", b -> b.assetCount = 4),
                change("billable hours", b -> b.billableHours = new BigDecimal("2.51")),
                change("billing data", b -> b.billingData = "{\"a\":2}"),
                change("invoice csv", b -> b.invoiceCsv = b.invoiceCsv + " "),
                change("invoice csv line endings", b -> b.invoiceCsv = b.invoiceCsv.replace("\r\n", "\n")),
                change("created by", b -> b.createdBy = "someone@example.com"),
                change("notes", b -> b.notes = "checked"),
                change("notes empty rather than missing", b -> b.notes = ""),
                change("submitted by known rather than missing", b -> b.submittedBy = "service:ledger"),
                change("line item order", b -> Collections.reverse(b.lineItems)),
                change("line item removed", b -> b.lineItems.remove(1)),
                change("line item added", b -> b.lineItems.add(item(LineType.CUSTOM, "Extra", null, "1", "0", "0"))),
                change("line type", b -> b.lineItems.set(0, item(LineType.CUSTOM, "Users", "10 users", "10", "100",
                        "1000.00"))),
                change("item name", b -> b.lineItems.set(0, item(LineType.USER, "Seats", "10 users", "10", "100",
                        "1000.00"))),
                change("description", b -> b.lineItems.set(0, item(LineType.USER, "Users", "ten users", "10",
                        "100", "1000.00"))),
                change("description missing", b -> b.lineItems.set(0, item(LineType.USER, "Users", null, "10",
                        "100", "1000.00"))),
                change("description empty on the item that had none", b -> b.lineItems.set(1,
                        item(LineType.ASSET, "Assets", "", "3", "50", "150.00"))),
                change("quantity", b -> b.lineItems.set(0, item(LineType.USER, "Users", "10 users", "10.5", "100",
                        "1000.00"))),
                change("rate", b -> b.lineItems.set(0, item(LineType.USER, "Users", "10 users", "10", "100.01",
                        "1000.00"))),
                change("amount", b -> b.lineItems.set(0, item(LineType.USER, "Users", "10 users", "10", "100",
                        "1000.01"))));
    }

    private static Arguments change(String name, Consumer<SnapshotBuilder> change) {
        return Arguments.of(name, change);
    }

    private static LineItem item(LineType type, String name, String description, String quantity, String rate,
                                 String amount) {
        return new LineItem(type, name, description, new BigDecimal(quantity), new BigDecimal(rate),
                Money.of(amount));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleFieldChanges")
    void recordSha256_changesWhenAnySingleFieldChanges(String name, Consumer<SnapshotBuilder> change) {
        String original = new SnapshotBuilder().build().recordSha256();
        SnapshotBuilder b = new SnapshotBuilder();
        change.accept(b);
        assertNotEquals(original, b.build().recordSha256(), name);
    }

    @Test
    void recordSha256_ofANewBill_changesWhenItsSubmitterChanges() {
        SnapshotBuilder ledger = new SnapshotBuilder();
        ledger.submittedBy = "service:ledger";
        SnapshotBuilder other = new SnapshotBuilder();
        other.submittedBy = "service:ledgers";
        SnapshotBuilder user = new SnapshotBuilder();
        user.submittedBy = "user:ledger";
        assertNotEquals(ledger.build().recordSha256(), other.build().recordSha256());
        assertNotEquals(ledger.build().recordSha256(), user.build().recordSha256());
        assertNotEquals(ledger.build().recordSha256(), new SnapshotBuilder().build().recordSha256());
    }

    @Test
    void recordSha256_doesNotConfuseASubmitterWithTheNotesBeforeIt() {
        // The v2 encoding only appends a field: notes that end like that field still hash differently.
        SnapshotBuilder one = new SnapshotBuilder();
        one.notes = "n";
        one.submittedBy = "user:a";
        SnapshotBuilder two = new SnapshotBuilder();
        two.notes = "n\nsubmitted_by:6:user:a";
        assertNotEquals(one.build().recordSha256(), two.build().recordSha256());
    }

    @Test
    void recordSha256_doesNotConfuseTextsThatConcatenateAlike() {
        SnapshotBuilder one = new SnapshotBuilder();
        one.billingPlan = "ab";
        one.contractTerm = "c";
        SnapshotBuilder two = new SnapshotBuilder();
        two.billingPlan = "a";
        two.contractTerm = "bc";
        assertNotEquals(one.build().recordSha256(), two.build().recordSha256());
    }

    @Test
    void recordSha256_doesNotConfuseAFieldValueThatLooksLikeTheEncoding() {
        SnapshotBuilder one = new SnapshotBuilder();
        one.billingPlan = null;
        SnapshotBuilder two = new SnapshotBuilder();
        two.billingPlan = "-";
        assertNotEquals(one.build().recordSha256(), two.build().recordSha256());
    }

    @Test
    void recordSha256_ofEqualLineItemsInAFreshList_isEqual() {
        SnapshotBuilder b = new SnapshotBuilder();
        b.lineItems = new ArrayList<>(b.lineItems);
        assertEquals(new SnapshotBuilder().build().recordSha256(), b.build().recordSha256());
    }

    @Test
    void countsAreChecked_andGivenBack_namingTheField() {
        assertEquals(7, Snapshot.requireCount(7, "user count"));
        assertEquals(0, Snapshot.requireCount(0, "user count"));
        assertEquals("asset count must not be negative",
                assertThrows(IllegalArgumentException.class, () -> Snapshot.requireCount(-1, "asset count"))
                        .getMessage());
    }

    @Test
    void aBillMayHaveExactlyTheMaximumNumberOfLineItems() {
        SnapshotBuilder b = new SnapshotBuilder();
        LineItem item = b.lineItems.getFirst();
        b.lineItems = Collections.nCopies(Snapshot.MAX_LINE_ITEMS, item);
        assertEquals(Snapshot.MAX_LINE_ITEMS, b.build().lineItems().size());
        b.lineItems = Collections.nCopies(Snapshot.MAX_LINE_ITEMS + 1, item);
        assertEquals("a bill must have at most " + Snapshot.MAX_LINE_ITEMS + " line items",
                assertThrows(IllegalArgumentException.class, b::build).getMessage());
    }

    @Test
    void aSubmitterIsAServiceOrAUser_andIsGivenBackAsIs() {
        assertEquals("service:ledger", Snapshot.requireSubmittedBy("service:ledger"));
        assertEquals("user:ann@example.com", Snapshot.requireSubmittedBy("user:ann@example.com"));
        for (String bad : List.of("ledger", "service:", "user: ", "admin:root")) {
            assertEquals("submitted by must be service:<name> or user:<e-mail>",
                    assertThrows(IllegalArgumentException.class, () -> Snapshot.requireSubmittedBy(bad)).getMessage(),
                    bad);
        }
    }
}
