package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.BillFields;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.application.port.in.BillInputs;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.application.port.in.Input;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult.Created;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult.Duplicate;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult.Invalid;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Sha256;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CreateSnapshotServiceTest {
    private static final Instant NOW = Instant.parse("2025-11-01T02:00:00Z");
    private static final String CALLER = "service:ledger";

    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final CreateSnapshotService service = serviceAt(NOW);

    private CreateSnapshotService serviceAt(Instant instant) {
        return new CreateSnapshotService(store, store, Clock.fixed(instant, ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------ creating

    @Nested
    class AValidBill {

        @Test
        void isCreated_withAPositiveId_archivedAtTheClocksInstant() {
            Created created = created(service.create(Bill.complete().build()));

            assertTrue(created.snapshot().id() > 0);
            assertEquals(NOW, created.snapshot().archivedAt());
            assertEquals(1, store.size());
        }

        @Test
        void isStored_asReturned_andFindableByInvoiceAndByAccountAndPeriod() {
            ArchivedSnapshot archived = created(service.create(Bill.complete().build())).snapshot();

            assertEquals(archived, store.findByInvoiceNumber(new InvoiceNumber("620547-202510")).orElseThrow());
            assertEquals(archived, store.findByAccountAndPeriod(new AccountNumber("620547"),
                    new BillingPeriod(2025, 10)).orElseThrow());
        }

        @Test
        void storedFingerprint_isTheHashOfTheExactBody() {
            CreateSnapshotCommand command = Bill.complete().build();
            ArchivedSnapshot archived = created(service.create(command)).snapshot();

            assertEquals(Sha256.hex(command.submission().receivedBody()), archived.contentSha256());
            assertEquals(64, archived.contentSha256().length());
        }

        @Test
        void everyField_isMappedExactly() {
            Snapshot s = created(service.create(Bill.complete().build())).snapshot().snapshot();

            assertEquals(new InvoiceNumber("620547-202510"), s.invoiceNumber());
            assertEquals(new AccountNumber("620547"), s.accountNumber());
            assertEquals("Acme Corp \"Ünïcode\"", s.companyName());
            assertEquals(new BillingPeriod(2025, 10), s.period());
            assertEquals(LocalDate.of(2025, 10, 31), s.invoiceDate());
            assertEquals(LocalDate.of(2025, 11, 30), s.dueDate());
            assertEquals("MSP Gold", s.terms().billingPlan());
            assertEquals("1-Year", s.terms().contractTerm());
            assertEquals("All Inclusive", s.terms().supportLevel());
            assertEquals(Money.of("1875.00"), s.charges().total());
            assertEquals(Money.of("1200.00"), s.charges().userCharges());
            assertEquals(Money.of("300.00"), s.charges().assetCharges());
            assertEquals(Money.of("75.00"), s.charges().backupCharges());
            assertEquals(Money.of("300.00"), s.charges().ticketCharges());
            assertEquals(Money.of("0.00"), s.charges().lineItemCharges());
            assertEquals(12, s.usage().userCount());
            assertEquals(20, s.usage().assetCount());
            assertEquals(new BigDecimal("3"), s.usage().billableHours());
            assertEquals(Bill.BILLING_DATA, s.billingData());
            assertEquals(Bill.CSV, s.invoiceCsv());
            assertEquals("service:ledger-ui", s.createdBy());
            assertEquals("Accepted in Ledger", s.notes());
            assertEquals(CALLER, s.submittedBy());
            assertEquals(List.of(
                    new LineItem(LineType.USER, "User 0", "User: User 0 (Paid)", new BigDecimal("1"),
                            new BigDecimal("100"), Money.of("100.00")),
                    new LineItem(LineType.ASSET, "WS-000", null, new BigDecimal("3"),
                            new BigDecimal("0.1"), Money.of("0.30")),
                    new LineItem(LineType.TICKET, "Support hours", "Billable hours", new BigDecimal("2.5"),
                            new BigDecimal("123.456789"), Money.of("308.64")),
                    new LineItem(LineType.BACKUP, "Cloud backup", null, new BigDecimal("1"),
                            new BigDecimal("75"), Money.of("75.00")),
                    new LineItem(LineType.CUSTOM, "Credit", "Goodwill credit", new BigDecimal("1"),
                            new BigDecimal("-8.94"), Money.of("-8.94"))),
                    s.lineItems());
        }

        @Test
        void moneyIsKeptToTheCent_whateverScaleItWasSentAt() {
            Snapshot s = created(service.create(Bill.complete()
                    .with(b -> {
                        b.totalAmount = new BigDecimal("1875");
                        b.totalUserCharges = new BigDecimal("1200.0");
                        b.totalAssetCharges = new BigDecimal("300.000");
                    }).build())).snapshot().snapshot();

            assertEquals(new BigDecimal("1875.00"), s.charges().total().amount());
            assertEquals(new BigDecimal("1200.00"), s.charges().userCharges().amount());
            assertEquals(new BigDecimal("300.00"), s.charges().assetCharges().amount());
        }

        @Test
        void exactDecimals_arePreservedWithoutFloatingPointDrift() {
            Snapshot s = created(service.create(Bill.complete().with(b -> {
                b.totalAmount = new BigDecimal("12345678901.23");
                b.billableHours = new BigDecimal("0.000001");
                b.lineItems = List.of(new Line().with(l -> {
                    l.quantity = new BigDecimal("1234.5678");
                    l.rate = new BigDecimal("0.123456");
                    l.amount = new BigDecimal("12345678901.23");
                }).build());
            }).build())).snapshot().snapshot();

            assertEquals("12345678901.23", s.charges().total().toString());
            assertEquals("0.000001", s.usage().billableHours().toPlainString());
            LineItem item = s.lineItems().get(0);
            assertEquals("1234.5678", item.quantity().toPlainString());
            assertEquals("0.123456", item.rate().toPlainString());
            assertEquals("12345678901.23", item.amount().toString());
        }

        @Test
        void largestAmountsAndFinestDecimals_withinTheLimits_areAccepted() {
            Snapshot s = created(service.create(Bill.complete().with(b -> {
                b.totalAmount = new BigDecimal("999999999999.99");
                b.totalUserCharges = new BigDecimal("-999999999999.99");
                b.billableHours = new BigDecimal("999999999999.999999");
                b.lineItems = List.of(new Line().with(l -> {
                    l.rate = new BigDecimal("-999999999999.999999");
                    l.quantity = new BigDecimal("0");
                    l.amount = new BigDecimal("-0.01");
                }).build());
            }).build())).snapshot().snapshot();

            assertEquals("999999999999.99", s.charges().total().toString());
            assertEquals("-999999999999.99", s.charges().userCharges().toString());
            assertEquals("999999999999.999999", s.usage().billableHours().toPlainString());
            assertEquals("-999999999999.999999", s.lineItems().get(0).rate().toPlainString());
            assertEquals("-0.01", s.lineItems().get(0).amount().toString());
        }

        @Test
        void lineItemOrder_isKept() {
            List<RawLine> inputs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                inputs.add(new Line().with(l -> l.itemName = "Item " + n).build());
            }
            Snapshot s = created(service.create(Bill.complete().with(b -> b.lineItems = inputs).build()))
                    .snapshot().snapshot();

            assertEquals(50, s.lineItems().size());
            for (int i = 0; i < 50; i++) {
                assertEquals("Item " + i, s.lineItems().get(i).itemName());
            }
        }

        @Test
        void boundaryValues_areAccepted() {
            String fifty = "A".repeat(50);
            Snapshot s = created(service.create(Bill.complete().with(b -> {
                b.invoiceNumber = fifty;
                b.companyAccountNumber = "a.B_9-" + "x".repeat(44);
                b.billingYear = 2100;
                b.billingMonth = 12;
                b.companyName = "n".repeat(255);
                b.billingPlan = "p".repeat(100);
                b.contractTerm = "t".repeat(100);
                b.supportLevel = "s".repeat(100);
                b.notes = "x".repeat(10_000);
                b.createdBy = "c".repeat(255);
                b.invoiceDate = "2024-02-29";
                b.lineItems = List.of(new Line().with(l -> {
                    l.itemName = "i".repeat(255);
                    l.description = "d".repeat(2_000);
                }).build());
            }).build())).snapshot().snapshot();

            assertEquals(fifty, s.invoiceNumber().value());
            assertEquals(new BillingPeriod(2100, 12), s.period());
            assertEquals(LocalDate.of(2024, 2, 29), s.invoiceDate());
        }

        @Test
        void theEarliestPeriod_isAccepted() {
            Snapshot s = created(service.create(Bill.complete().with(b -> {
                b.billingYear = 2000;
                b.billingMonth = 1;
            }).build())).snapshot().snapshot();

            assertEquals(new BillingPeriod(2000, 1), s.period());
        }

        @Test
        void textLimits_countCharacters_notUtf16Units() {
            String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
            Snapshot s = created(service.create(Bill.complete().with(b -> b.companyName = emoji.repeat(255))
                    .build())).snapshot().snapshot();

            assertEquals(emoji.repeat(255), s.companyName());
        }

        @Test
        void exactlyMaxLineItems_areAccepted() {
            List<RawLine> inputs = Collections.nCopies(Snapshot.MAX_LINE_ITEMS, new Line().build());
            Snapshot s = created(service.create(Bill.complete().with(b -> b.lineItems = inputs).build()))
                    .snapshot().snapshot();

            assertEquals(Snapshot.MAX_LINE_ITEMS, s.lineItems().size());
        }

        @Test
        void distinctBills_getDistinctIds() {
            ArchivedSnapshot october = created(service.create(Bill.complete().build())).snapshot();
            ArchivedSnapshot november = created(service.create(Bill.complete().with(b -> {
                b.invoiceNumber = "620547-202511";
                b.billingMonth = 11;
            }).build())).snapshot();
            ArchivedSnapshot otherCompany = created(service.create(Bill.complete().with(b -> {
                b.invoiceNumber = "777-202510";
                b.companyAccountNumber = "777";
            }).build())).snapshot();

            assertEquals(3, Set.of(october.id(), november.id(), otherCompany.id()).size());
            assertEquals(3, store.size());
        }
    }

    @Nested
    class Defaults {

        @Test
        void aMinimalBill_getsEveryDefault() {
            Snapshot s = created(service.create(Bill.minimal().build())).snapshot().snapshot();

            assertEquals("Unknown", s.companyName());
            assertNull(s.invoiceDate());
            assertNull(s.dueDate());
            assertNull(s.terms().billingPlan());
            assertNull(s.terms().contractTerm());
            assertNull(s.terms().supportLevel());
            assertEquals(new BigDecimal("0.00"), s.charges().userCharges().amount());
            assertEquals(new BigDecimal("0.00"), s.charges().assetCharges().amount());
            assertEquals(new BigDecimal("0.00"), s.charges().backupCharges().amount());
            assertEquals(new BigDecimal("0.00"), s.charges().ticketCharges().amount());
            assertEquals(new BigDecimal("0.00"), s.charges().lineItemCharges().amount());
            assertEquals(BigDecimal.ZERO, s.usage().billableHours());
            assertEquals(0, s.usage().userCount());
            assertEquals(0, s.usage().assetCount());
            assertEquals(List.of(), s.lineItems());
            assertEquals(CALLER, s.createdBy());
            assertNull(s.notes());
        }

        @Test
        void anEmptyLineItemList_isNoLineItems() {
            Snapshot s = created(service.create(Bill.minimal().with(b -> b.lineItems = List.of()).build()))
                    .snapshot().snapshot();

            assertEquals(List.of(), s.lineItems());
        }

        @Test
        void aLineItemWithoutTypeOrQuantity_isCustom_withQuantityOne() {
            Snapshot s = created(service.create(Bill.minimal().with(b -> b.lineItems = List.of(
                    new Line().with(l -> {
                        l.lineType = null;
                        l.quantity = null;
                        l.description = null;
                    }).build())).build())).snapshot().snapshot();

            LineItem item = s.lineItems().get(0);
            assertEquals(LineType.CUSTOM, item.lineType());
            assertEquals(BigDecimal.ONE, item.quantity());
            assertNull(item.description());
        }

        @Test
        void createdBy_whenAbsent_isTheCaller() {
            Snapshot s = created(service.create(Bill.complete().with(b -> {
                b.createdBy = null;
                b.defaultCreatedBy = "alice@example.com";
            }).build())).snapshot().snapshot();

            assertEquals("alice@example.com", s.createdBy());
        }

        @Test
        void createdBy_fromTheBody_winsOverTheCaller() {
            Snapshot s = created(service.create(Bill.complete().with(b -> {
                b.createdBy = "bob@example.com";
                b.defaultCreatedBy = "alice@example.com";
            }).build())).snapshot().snapshot();

            assertEquals("bob@example.com", s.createdBy());
        }

        @Test
        void submittedBy_isTheAuthenticatedPrincipal_whateverTheBodySaysAboutItsCreator() {
            Snapshot s = created(service.create(Bill.complete().with(b -> {
                b.createdBy = "service:ledger";
                b.defaultCreatedBy = "ann@example.com";
                b.submittedBy = "user:ann@example.com";
            }).build())).snapshot().snapshot();

            assertEquals("service:ledger", s.createdBy(), "what the body claims");
            assertEquals("user:ann@example.com", s.submittedBy(), "who actually sent it");
            assertEquals(s.recordSha256(), store.findByInvoiceNumber(s.invoiceNumber()).orElseThrow().snapshot()
                    .recordSha256(), "the stored record, submitter included, is the one fingerprinted");
        }

        @Test
        void aCommand_mustSayWhoSentIt() {
            org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                    () -> Bill.complete().with(b -> b.submittedBy = null).build());
        }

        @Test
        void createdBy_withNeitherBodyNorCaller_isRejected() {
            List<FieldError> errors = invalid(service.create(Bill.complete().with(b -> {
                b.createdBy = null;
                b.defaultCreatedBy = null;
            }).build()));

            assertEquals(List.of("created_by"), fields(errors));
            assertEquals(0, store.size());
        }
    }

    // ------------------------------------------------------------------ duplicates

    @Nested
    class Duplicates {

        @Test
        void theSameBillAgain_isAnIdenticalDuplicate_ofTheStoredOne_andNothingIsAdded() {
            ArchivedSnapshot first = created(service.create(Bill.complete().build())).snapshot();

            Duplicate again = assertInstanceOf(Duplicate.class, service.create(Bill.complete().build()));

            assertTrue(again.identical());
            assertEquals(first, again.existing());
            assertEquals(1, store.size());
        }

        @Test
        void theSameBill_sentAgainByAnotherPrincipal_isStillIdentical_andKeepsItsFirstSubmitter() {
            ArchivedSnapshot first = created(service.create(Bill.complete().build())).snapshot();

            Duplicate again = assertInstanceOf(Duplicate.class, service.create(Bill.complete()
                    .with(b -> b.submittedBy = "user:ann@example.com").build()));

            assertTrue(again.identical(), "who sent it is not what the bill says");
            assertEquals(CALLER, again.existing().snapshot().submittedBy());
            assertEquals(first, again.existing());
        }

        @Test
        void aLaterRetry_reportsTheOriginalArchiveTime() {
            ArchivedSnapshot first = created(service.create(Bill.complete().build())).snapshot();

            Duplicate again = assertInstanceOf(Duplicate.class,
                    serviceAt(NOW.plusSeconds(3600)).create(Bill.complete().build()));

            assertEquals(NOW, again.existing().archivedAt());
            assertEquals(first.id(), again.existing().id());
        }

        @Test
        void theSameBill_withMoneyWrittenAtAnotherScale_isStillIdentical() {
            created(service.create(Bill.complete().build()));

            Duplicate again = assertInstanceOf(Duplicate.class, service.create(Bill.complete().with(b -> {
                b.totalAmount = new BigDecimal("1875.0");
                b.billableHours = new BigDecimal("3.000");
            }).build()));

            assertTrue(again.identical());
        }

        @Test
        void theSameBill_withAnotherReceivedBody_isStillIdentical() {
            created(service.create(Bill.complete().build()));

            Duplicate again = assertInstanceOf(Duplicate.class, service.create(Bill.complete()
                    .with(b -> b.receivedBody = "{ \"pretty\" : true }").build()));

            assertTrue(again.identical());
        }

        static Stream<Arguments> changes() {
            return Stream.<Arguments>of(
                    change("total_amount", b -> b.totalAmount = new BigDecimal("1875.01")),
                    change("company_name", b -> b.companyName = "Acme Corporation"),
                    change("invoice_date", b -> b.invoiceDate = "2025-10-30"),
                    change("user_count", b -> b.userCount = 13),
                    change("billable_hours", b -> b.billableHours = new BigDecimal("3.5")),
                    change("billing_data_json", b -> b.billingData = "{\"client\":{}}"),
                    change("invoice_csv", b -> b.invoiceCsv = Bill.CSV + "extra\r\n"),
                    change("notes", b -> b.notes = null),
                    change("created_by", b -> b.createdBy = "someone-else"),
                    change("line_items[2].rate", b -> b.lineItems = Bill.lineItemsWith(2,
                            l -> l.rate = new BigDecimal("123.45679"))),
                    change("line_items removed", b -> b.lineItems = Bill.lineItems().subList(0, 4)));
        }

        private static Arguments change(String what, Consumer<Bill> change) {
            return Arguments.of(what, change);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("changes")
        void theSameInvoice_withAChangedField_isANonIdenticalDuplicate_andTheStoredOneIsUnchanged(
                String what, Consumer<Bill> change) {
            ArchivedSnapshot first = created(service.create(Bill.complete().build())).snapshot();

            Duplicate clash = assertInstanceOf(Duplicate.class,
                    serviceAt(NOW.plusSeconds(60)).create(Bill.complete().with(change).build()));

            assertFalse(clash.identical());
            assertEquals(first, clash.existing());
            assertEquals(1, store.size());
            ArchivedSnapshot stored = store.findByInvoiceNumber(new InvoiceNumber("620547-202510")).orElseThrow();
            assertEquals(first, stored);
            assertEquals(first.snapshot().recordSha256(), stored.snapshot().recordSha256());
            assertEquals(NOW, stored.archivedAt());
        }

        @Test
        void theSameAccountAndPeriod_underAnotherInvoice_isADuplicate_ofTheStoredBill() {
            ArchivedSnapshot first = created(service.create(Bill.complete().build())).snapshot();

            Duplicate clash = assertInstanceOf(Duplicate.class, service.create(Bill.complete()
                    .with(b -> b.invoiceNumber = "620547-202510-B").build()));

            assertFalse(clash.identical());
            assertEquals(first, clash.existing());
            assertEquals(1, store.size());
            assertTrue(store.findByInvoiceNumber(new InvoiceNumber("620547-202510-B")).isEmpty());
        }

        @Test
        void theSameInvoice_forAnotherAccountAndPeriod_isADuplicate() {
            ArchivedSnapshot first = created(service.create(Bill.complete().build())).snapshot();

            Duplicate clash = assertInstanceOf(Duplicate.class, service.create(Bill.complete().with(b -> {
                b.companyAccountNumber = "999999";
                b.billingYear = 2024;
            }).build()));

            assertFalse(clash.identical());
            assertEquals(first, clash.existing());
            assertEquals(1, store.size());
        }

        @Test
        void anotherPeriodOfTheSameAccount_isNotADuplicate() {
            created(service.create(Bill.complete().build()));

            created(service.create(Bill.complete().with(b -> {
                b.invoiceNumber = "620547-202509";
                b.billingMonth = 9;
            }).build()));

            assertEquals(2, store.size());
        }

        @Test
        void anInvalidResubmission_isInvalid_notADuplicate() {
            created(service.create(Bill.complete().build()));

            List<FieldError> errors = invalid(service.create(Bill.complete()
                    .with(b -> b.totalAmount = new BigDecimal("1.005")).build()));

            assertEquals(List.of("total_amount"), fields(errors));
            assertEquals(1, store.size());
        }
    }

    // ------------------------------------------------------------------ invalid

    @Nested
    class MissingFields {

        @Test
        void missingRequiredFields_areEachNamed_andNothingIsStored() {
            List<FieldError> errors = invalid(service.create(Bill.complete().with(b -> {
                b.companyAccountNumber = null;
                b.billingYear = null;
                b.billingMonth = null;
                b.invoiceNumber = null;
                b.totalAmount = null;
                b.billingData = null;
                b.invoiceCsv = null;
            }).build()));

            assertEquals(Set.of("company_account_number", "billing_year", "billing_month", "invoice_number",
                    "total_amount", "billing_data_json", "invoice_csv"), Set.copyOf(fields(errors)));
            assertEquals(7, errors.size(), () -> "each field exactly once: " + errors);
            errors.forEach(e -> assertEquals("is required", e.message(), e.field()));
            assertEquals(0, store.size());
        }

        static Stream<Arguments> requiredFields() {
            return Stream.<Arguments>of(
                    Arguments.of("company_account_number", (Consumer<Bill>) b -> b.companyAccountNumber = null),
                    Arguments.of("billing_year", (Consumer<Bill>) b -> b.billingYear = null),
                    Arguments.of("billing_month", (Consumer<Bill>) b -> b.billingMonth = null),
                    Arguments.of("invoice_number", (Consumer<Bill>) b -> b.invoiceNumber = null),
                    Arguments.of("total_amount", (Consumer<Bill>) b -> b.totalAmount = null),
                    Arguments.of("billing_data_json", (Consumer<Bill>) b -> b.billingData = null),
                    Arguments.of("invoice_csv", (Consumer<Bill>) b -> b.invoiceCsv = null),
                    Arguments.of("line_items[2].item_name", (Consumer<Bill>) b -> b.lineItems =
                            Bill.lineItemsWith(2, l -> l.itemName = null)),
                    Arguments.of("line_items[2].rate", (Consumer<Bill>) b -> b.lineItems =
                            Bill.lineItemsWith(2, l -> l.rate = null)),
                    Arguments.of("line_items[2].amount", (Consumer<Bill>) b -> b.lineItems =
                            Bill.lineItemsWith(2, l -> l.amount = null)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("requiredFields")
        void aMissingRequiredField_isTheOnlyErrorNamed(String field, Consumer<Bill> removal) {
            List<FieldError> errors = invalid(service.create(Bill.complete().with(removal).build()));

            assertEquals(List.of(new FieldError(field, "is required")), errors);
            assertEquals(0, store.size());
        }

        @Test
        void anEmptyInvoiceOrAccountNumber_isRejectedAsRequired() {
            List<FieldError> errors = invalid(service.create(Bill.complete().with(b -> {
                b.invoiceNumber = "";
                b.companyAccountNumber = "";
            }).build()));

            assertEquals(Set.of("invoice_number", "company_account_number"), Set.copyOf(fields(errors)));
            errors.forEach(e -> assertTrue(e.message().contains("is required"), e.toString()));
        }
    }

    @Nested
    class BadValues {

        static Stream<Arguments> badValues() {
            return Stream.of(
                    bad("billing_month", "between 1 and 12", b -> b.billingMonth = 13),
                    bad("billing_month", "between 1 and 12", b -> b.billingMonth = 0),
                    bad("billing_month", "between 1 and 12", b -> b.billingMonth = -1),
                    bad("billing_year", "between 2000 and 2100", b -> b.billingYear = 1999),
                    bad("billing_year", "between 2000 and 2100", b -> b.billingYear = 2101),
                    bad("invoice_number", "may only contain", b -> b.invoiceNumber = "620547 202510"),
                    bad("invoice_number", "may only contain", b -> b.invoiceNumber = "620547/202510"),
                    bad("invoice_number", "may only contain", b -> b.invoiceNumber = "6205ä7"),
                    bad("invoice_number", "at most 50", b -> b.invoiceNumber = "A".repeat(51)),
                    bad("company_account_number", "may only contain", b -> b.companyAccountNumber = "620 547"),
                    bad("company_account_number", "at most 50", b -> b.companyAccountNumber = "1".repeat(51)),
                    bad("total_amount", "decimal places", b -> b.totalAmount = new BigDecimal("1.005")),
                    bad("total_amount", "out of range", b -> b.totalAmount = new BigDecimal("1000000000000")),
                    bad("total_amount", "out of range", b -> b.totalAmount = new BigDecimal("-1000000000000.00")),
                    bad("total_user_charges", "decimal places", b -> b.totalUserCharges = new BigDecimal("0.001")),
                    bad("total_asset_charges", "decimal places", b -> b.totalAssetCharges = new BigDecimal("0.001")),
                    bad("total_backup_charges", "decimal places", b -> b.totalBackupCharges = new BigDecimal("1E-3")),
                    bad("total_ticket_charges", "out of range", b -> b.totalTicketCharges = new BigDecimal("1E+12")),
                    bad("total_line_item_charges", "decimal places",
                            b -> b.totalLineItemCharges = new BigDecimal("0.125")),
                    bad("billable_hours", "must not be negative", b -> b.billableHours = new BigDecimal("-0.5")),
                    bad("billable_hours", "decimal places", b -> b.billableHours = new BigDecimal("0.0000001")),
                    bad("billable_hours", "out of range", b -> b.billableHours = new BigDecimal("1000000000000")),
                    bad("user_count", "must not be negative", b -> b.userCount = -1),
                    bad("asset_count", "must not be negative", b -> b.assetCount = -1),
                    bad("invoice_date", "YYYY-MM-DD", b -> b.invoiceDate = "2025-1-5"),
                    bad("invoice_date", "YYYY-MM-DD", b -> b.invoiceDate = "2025-02-30"),
                    bad("invoice_date", "YYYY-MM-DD", b -> b.invoiceDate = "2025-02-29"),
                    bad("invoice_date", "YYYY-MM-DD", b -> b.invoiceDate = "2025/10/31"),
                    bad("invoice_date", "YYYY-MM-DD", b -> b.invoiceDate = "31-10-2025"),
                    bad("invoice_date", "YYYY-MM-DD", b -> b.invoiceDate = "2025-10-31T00:00:00"),
                    bad("invoice_date", "YYYY-MM-DD", b -> b.invoiceDate = " 2025-10-31"),
                    bad("due_date", "YYYY-MM-DD", b -> b.dueDate = "2025-13-01"),
                    bad("due_date", "YYYY-MM-DD", b -> b.dueDate = "2025-11-31"),
                    bad("due_date", "YYYY-MM-DD", b -> b.dueDate = "tomorrow"),
                    bad("company_name", "at most 255", b -> b.companyName = "n".repeat(256)),
                    bad("company_name", "is required", b -> b.companyName = "   "),
                    bad("company_name", "NUL", b -> b.companyName = "Acme\0Corp"),
                    bad("billing_plan", "at most 100", b -> b.billingPlan = "p".repeat(101)),
                    bad("contract_term", "at most 100", b -> b.contractTerm = "t".repeat(101)),
                    bad("support_level", "at most 100", b -> b.supportLevel = "s".repeat(101)),
                    bad("notes", "at most 10000", b -> b.notes = "x".repeat(10_001)),
                    bad("notes", "NUL", b -> b.notes = "a\0b"),
                    bad("created_by", "at most 255", b -> b.createdBy = "c".repeat(256)),
                    bad("created_by", "is required", b -> b.createdBy = " "),
                    bad("invoice_csv", "at most " + Snapshot.MAX_CSV_LENGTH,
                            b -> b.invoiceCsv = "x".repeat(Snapshot.MAX_CSV_LENGTH + 1)),
                    bad("line_items[1].rate", "decimal places",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.rate = new BigDecimal("0.1234567"))),
                    bad("line_items[1].rate", "out of range",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.rate = new BigDecimal("1E+12"))),
                    bad("line_items[1].amount", "decimal places",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.amount = new BigDecimal("0.301"))),
                    bad("line_items[1].amount", "out of range",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.amount = new BigDecimal("1000000000000"))),
                    bad("line_items[1].item_name", "is required",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.itemName = "  ")),
                    bad("line_items[1].item_name", "at most 255",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.itemName = "i".repeat(256))),
                    bad("line_items[1].line_type", "one of user, asset, backup, ticket, custom",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.lineType = "license")),
                    bad("line_items[1].line_type", "one of user, asset, backup, ticket, custom",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.lineType = "USER")),
                    bad("line_items[1].line_type", "one of user, asset, backup, ticket, custom",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.lineType = "")),
                    bad("line_items[1].quantity", "must not be negative",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.quantity = new BigDecimal("-1"))),
                    bad("line_items[1].quantity", "decimal places",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.quantity = new BigDecimal("0.0000001"))),
                    bad("line_items[1].description", "at most 2000",
                            b -> b.lineItems = Bill.lineItemsWith(1, l -> l.description = "d".repeat(2_001))),
                    bad("line_items[4].amount", "decimal places",
                            b -> b.lineItems = Bill.lineItemsWith(4, l -> l.amount = new BigDecimal("-8.945"))));
        }

        private static Arguments bad(String field, String messagePart, Consumer<Bill> change) {
            return Arguments.of(field, messagePart, change);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("badValues")
        void aBadValue_isReportedUnderItsFieldName_andNothingIsStored(String field, String messagePart,
                                                                     Consumer<Bill> change) {
            List<FieldError> errors = invalid(service.create(Bill.complete().with(change).build()));

            assertEquals(List.of(field), fields(errors), () -> "errors: " + errors);
            assertTrue(errors.get(0).message().contains(messagePart),
                    () -> "message '" + errors.get(0).message() + "' should mention '" + messagePart + "'");
            assertEquals(0, store.size());
        }

        @Test
        void everyProblem_isReportedAtOnce() {
            List<FieldError> errors = invalid(service.create(Bill.complete().with(b -> {
                b.billingMonth = 13;
                b.invoiceNumber = "a b";
                b.totalAmount = null;
                b.userCount = -3;
                b.dueDate = "2025-02-30";
                b.lineItems = List.of(
                        new Line().build(),
                        new Line().with(l -> {
                            l.rate = new BigDecimal("0.1234567");
                            l.amount = null;
                            l.lineType = "nope";
                        }).build(),
                        new Line().build(),
                        new Line().with(l -> l.itemName = null).build());
            }).build()));

            assertEquals(Set.of("billing_month", "invoice_number", "total_amount", "user_count", "due_date",
                    "line_items[1].rate", "line_items[1].amount", "line_items[1].line_type",
                    "line_items[3].item_name"), Set.copyOf(fields(errors)));
            assertEquals(9, errors.size(), () -> "no field twice: " + errors);
            assertEquals(0, store.size());
        }

        @Test
        void moreThanMaxLineItems_isAnErrorOnLineItems_notOnEachItem() {
            List<RawLine> inputs = Collections.nCopies(Snapshot.MAX_LINE_ITEMS + 1,
                    new Line().with(l -> l.rate = null).build());

            List<FieldError> errors = invalid(service.create(Bill.complete().with(b -> b.lineItems = inputs)
                    .build()));

            assertEquals(List.of(new FieldError("line_items",
                    "must have at most " + Snapshot.MAX_LINE_ITEMS + " items")), errors);
            assertEquals(0, store.size());
        }
    }

    @Nested
    class RejectedByTheAdapter {

        @Test
        void rejectedFields_appearWithTheirMessage_andAreNotAlsoReportedAsMissing() {
            List<FieldError> errors = invalid(service.create(Bill.complete().with(b -> {
                b.totalAmount = null;
                b.billingMonth = null;
                b.invoiceCsv = null;
                b.rejected.put("total_amount", "must be a number");
                b.rejected.put("billing_month", "must be a whole number");
                b.rejected.put("invoice_csv", "must be a string");
            }).build()));

            assertEquals(Set.of(
                    new FieldError("total_amount", "must be a number"),
                    new FieldError("billing_month", "must be a whole number"),
                    new FieldError("invoice_csv", "must be a string")), Set.copyOf(errors));
            assertEquals(3, errors.size(), () -> "no field twice: " + errors);
            assertEquals(0, store.size());
        }

        @Test
        void aRejectedField_isNotValidatedAgain_evenIfItsValueIsAlsoBad() {
            List<FieldError> errors = invalid(service.create(Bill.complete().with(b -> {
                b.userCount = -1;
                b.rejected.put("user_count", "must be a whole number");
            }).build()));

            assertEquals(List.of(new FieldError("user_count", "must be a whole number")), errors);
        }

        @Test
        void aRejectedOptionalField_makesAnOtherwiseValidBillInvalid() {
            List<FieldError> errors = invalid(service.create(Bill.complete().with(b -> {
                b.notes = null;
                b.rejected.put("notes", "must be a string");
            }).build()));

            assertEquals(List.of(new FieldError("notes", "must be a string")), errors);
            assertEquals(0, store.size());
        }

        @Test
        void rejectedLineItemFields_appearOnce_beside_theUseCasesOwnErrors() {
            List<FieldError> errors = invalid(service.create(Bill.complete().with(b -> {
                b.lineItems = List.of(new Line().build(), new Line().with(l -> {
                    l.rate = null;
                    l.amount = new BigDecimal("0.001");
                }).build());
                b.rejected.put("line_items[1].rate", "must be a number");
                b.billingYear = 1999;
            }).build()));

            assertEquals(Set.of(
                    new FieldError("line_items[1].rate", "must be a number"),
                    new FieldError("line_items[1].amount", "amount must not have more than 2 decimal places"),
                    new FieldError("billing_year", "year must be between 2000 and 2100")), Set.copyOf(errors));
            assertEquals(3, errors.size(), () -> "no field twice: " + errors);
        }

        @Test
        void aRejectedFieldTheUseCaseDoesNotKnow_isStillReported() {
            List<FieldError> errors = invalid(service.create(Bill.complete()
                    .with(b -> b.rejected.put("line_items[0]", "must be an object")).build()));

            assertEquals(List.of(new FieldError("line_items[0]", "must be an object")), errors);
            assertEquals(0, store.size());
        }
    }

    // ------------------------------------------------------------------ bugs found (see report)

    @Nested
    class IdempotencyKeys {

        @Test
        void sameKeyAndBody_replaysTheOriginalSnapshot_withoutStoringAgain() {
            CreateSnapshotCommand command = Bill.complete().with(b -> b.idempotencyKey = "k-1").build();
            Created first = created(service.create(command));

            CreateSnapshotResult again = service.create(command);

            assertEquals(first.snapshot(), assertInstanceOf(CreateSnapshotResult.Replayed.class, again).snapshot());
            assertEquals(1, store.size());
        }

        @Test
        void sameKeyWithAnotherBody_isKeyReused_andNothingIsStored() {
            service.create(Bill.complete().with(b -> b.idempotencyKey = "k-2").build());

            CreateSnapshotResult result = service.create(Bill.complete().with(b -> {
                b.idempotencyKey = "k-2";
                b.invoiceNumber = "OTHER-1";
                b.billingMonth = 11;
                b.receivedBody = "{\"another\":\"body\"}";
            }).build());

            assertEquals("k-2", assertInstanceOf(CreateSnapshotResult.KeyReused.class, result).idempotencyKey());
            assertEquals(1, store.size());
        }

        @Test
        void keysAreScopedToTheirCaller() {
            service.create(Bill.complete().with(b -> b.idempotencyKey = "shared").build());

            CreateSnapshotResult result = service.create(Bill.complete().with(b -> {
                b.idempotencyKey = "shared";
                b.defaultCreatedBy = "service:someone-else";
            }).build());

            assertInstanceOf(CreateSnapshotResult.Duplicate.class, result);
        }

        @Test
        void aRacingRequestThatTookTheKeyFirst_decidesTheAnswer() {
            // The key is not there when this request looks, but a racing one stores it before this one saves.
            SnapshotStore racing = new DelegatingStore(store) {
                private boolean looked;

                @Override
                public Optional<SnapshotStore.IdempotencyRecord> findIdempotencyKey(String caller, String key) {
                    if (!looked) {
                        looked = true;
                        store.save(SampleSnapshots.bill("RACER", 2030, 1), ReceivedBody.of("{\"racer\":1}"), NOW,
                                new IdempotencyKey(caller, key, Sha256.hex("{\"racer\":1}")));
                        return Optional.empty();
                    }
                    return super.findIdempotencyKey(caller, key);
                }
            };
            CreateSnapshotResult result = new CreateSnapshotService(racing, racing, Clock.fixed(NOW, ZoneOffset.UTC))
                    .create(Bill.complete().with(b -> b.idempotencyKey = "race").build());

            assertInstanceOf(CreateSnapshotResult.KeyReused.class, result);
            assertEquals(1, store.size());
        }

        @Test
        void aStoreThatReportsATakenKeyItCannotFind_isAnError_notAnAnswer() {
            SnapshotStore contradicting = new DelegatingStore(store) {
                @Override
                public SaveResult save(Snapshot snapshot, ReceivedBody body, Instant archivedAt, IdempotencyKey key) {
                    return new SaveResult.KeyTaken();
                }
            };
            CreateSnapshotService over = new CreateSnapshotService(contradicting, contradicting,
                    Clock.fixed(NOW, ZoneOffset.UTC));

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> over.create(Bill.complete().with(b -> b.idempotencyKey = "lost").build()));
            assertEquals("store reported a taken key it cannot find", e.getMessage());
        }

        @Test
        void aKeyThatPointsAtAMissingSnapshot_isAnError_notAnAnswer() {
            CreateSnapshotCommand command = Bill.complete().with(b -> b.idempotencyKey = "dangling").build();
            SnapshotStore dangling = new DelegatingStore(store) {
                @Override
                public Optional<SnapshotStore.IdempotencyRecord> findIdempotencyKey(String caller, String key) {
                    return Optional.of(new SnapshotStore.IdempotencyRecord(
                            Sha256.hex(command.submission().receivedBody()), new InvoiceNumber("GONE-1")));
                }
            };
            CreateSnapshotService over = new CreateSnapshotService(dangling, dangling, Clock.fixed(NOW, ZoneOffset.UTC));

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> over.create(command));
            assertEquals("idempotency key points at a missing snapshot", e.getMessage());
            assertEquals(0, store.size());
        }
    }

    @Nested
    class Regressions {

        @Test
        void blankBillingData_isInvalid_notAnException() {
            CreateSnapshotResult result = service.create(Bill.complete().with(b -> b.billingData = " ").build());

            assertEquals(List.of("billing_data_json"), fields(invalid(result)));
        }

        @Test
        void invoiceCsvWithNul_isInvalid() {
            CreateSnapshotResult result = service.create(Bill.complete()
                    .with(b -> b.invoiceCsv = "InvoiceNo\r\n\0\r\n").build());

            assertEquals(List.of("invoice_csv"), fields(invalid(result)));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Created created(CreateSnapshotResult result) {
        return assertInstanceOf(Created.class, result, () -> "expected Created but was " + result);
    }

    private List<FieldError> invalid(CreateSnapshotResult result) {
        Invalid invalid = assertInstanceOf(Invalid.class, result, () -> "expected Invalid but was " + result);
        assertFalse(invalid.errors().isEmpty());
        return invalid.errors();
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).collect(Collectors.toList());
    }

    /** A create command, valid and complete by default; tests change only what they are about. */
    static final class Bill {
        static final String BILLING_DATA =
                "{\"client\":{\"account_number\":\"620547\",\"name\":\"Acme Corp\"},\"total\":1875.0}";
        static final String CSV = "InvoiceNo,Customer,Amount\r\n620547-202510,\"Acme Corp\",1875.00\r\n";

        String companyAccountNumber = "620547";
        String companyName = "Acme Corp \"Ünïcode\"";
        Integer billingYear = 2025;
        Integer billingMonth = 10;
        String invoiceNumber = "620547-202510";
        String invoiceDate = "2025-10-31";
        String dueDate = "2025-11-30";
        String billingPlan = "MSP Gold";
        String contractTerm = "1-Year";
        String supportLevel = "All Inclusive";
        BigDecimal totalAmount = new BigDecimal("1875.00");
        BigDecimal totalUserCharges = new BigDecimal("1200.0");
        BigDecimal totalAssetCharges = new BigDecimal("300.0");
        BigDecimal totalBackupCharges = new BigDecimal("75.0");
        BigDecimal totalTicketCharges = new BigDecimal("300.0");
        BigDecimal totalLineItemCharges = new BigDecimal("0.0");
        BigDecimal billableHours = new BigDecimal("3.0");
        Integer userCount = 12;
        Integer assetCount = 20;
        String billingData = BILLING_DATA;
        String invoiceCsv = CSV;
        List<RawLine> lineItems = lineItems();
        String createdBy = "service:ledger-ui";
        String notes = "Accepted in Ledger";
        String receivedBody = "{\"invoice_number\":\"620547-202510\"}";
        String defaultCreatedBy = CALLER;
        String submittedBy = CALLER;
        Map<String, String> rejected = new LinkedHashMap<>();
        String idempotencyKey;

        static Bill complete() {
            return new Bill();
        }

        /** Only the required fields. */
        static Bill minimal() {
            return new Bill().with(b -> {
                b.companyName = null;
                b.invoiceDate = null;
                b.dueDate = null;
                b.billingPlan = null;
                b.contractTerm = null;
                b.supportLevel = null;
                b.totalUserCharges = null;
                b.totalAssetCharges = null;
                b.totalBackupCharges = null;
                b.totalTicketCharges = null;
                b.totalLineItemCharges = null;
                b.billableHours = null;
                b.userCount = null;
                b.assetCount = null;
                b.lineItems = null;
                b.createdBy = null;
                b.notes = null;
            });
        }

        static List<RawLine> lineItems() {
            return List.of(
                    new RawLine("user", "User 0", "User: User 0 (Paid)", new BigDecimal("1"),
                            new BigDecimal("100.00"), new BigDecimal("100.00")),
                    new RawLine("asset", "WS-000", null, new BigDecimal("3"),
                            new BigDecimal("0.1"), new BigDecimal("0.3")),
                    new RawLine("ticket", "Support hours", "Billable hours", new BigDecimal("2.5"),
                            new BigDecimal("123.456789"), new BigDecimal("308.64")),
                    new RawLine("backup", "Cloud backup", null, null,
                            new BigDecimal("75"), new BigDecimal("75")),
                    new RawLine(null, "Credit", "Goodwill credit", new BigDecimal("1.000"),
                            new BigDecimal("-8.94"), new BigDecimal("-8.94")));
        }

        /** The default line items with the one at {@code index} changed. */
        static List<RawLine> lineItemsWith(int index, Consumer<Line> change) {
            List<RawLine> items = new ArrayList<>(lineItems());
            items.set(index, Line.from(items.get(index)).with(change).build());
            return items;
        }

        Bill with(Consumer<Bill> change) {
            change.accept(this);
            return this;
        }

        /**
         * The command as an adapter would make it: a field named in {@link #rejected} (at the top, a whole line
         * item {@code line_items[i]}, or one of its fields) arrives unreadable with that message.
         */
        CreateSnapshotCommand build() {
            Map<String, String> unread = new LinkedHashMap<>(rejected);
            CreateSnapshotCommand command = new CreateSnapshotCommand(in("company_account_number",
                    companyAccountNumber, unread), in("company_name", companyName, unread),
                    in("billing_year", billingYear, unread), in("billing_month", billingMonth, unread),
                    in("invoice_number", invoiceNumber, unread), in("invoice_date", invoiceDate, unread),
                    in("due_date", dueDate, unread), BillInputs.builder()
                            .put(BillFields.BILLING_PLAN, in("billing_plan", billingPlan, unread))
                            .put(BillFields.CONTRACT_TERM, in("contract_term", contractTerm, unread))
                            .put(BillFields.SUPPORT_LEVEL, in("support_level", supportLevel, unread))
                            .put(BillFields.TOTAL_AMOUNT, in("total_amount", totalAmount, unread))
                            .put(BillFields.TOTAL_USER_CHARGES, in("total_user_charges", totalUserCharges, unread))
                            .put(BillFields.TOTAL_ASSET_CHARGES, in("total_asset_charges", totalAssetCharges, unread))
                            .put(BillFields.TOTAL_BACKUP_CHARGES,
                                    in("total_backup_charges", totalBackupCharges, unread))
                            .put(BillFields.TOTAL_TICKET_CHARGES,
                                    in("total_ticket_charges", totalTicketCharges, unread))
                            .put(BillFields.TOTAL_LINE_ITEM_CHARGES,
                                    in("total_line_item_charges", totalLineItemCharges, unread))
                            .put(BillFields.BILLABLE_HOURS, in("billable_hours", billableHours, unread))
                            .put(BillFields.USER_COUNT, in("user_count", userCount, unread))
                            .put(BillFields.ASSET_COUNT, in("asset_count", assetCount, unread))
                            .build(),
                    in("billing_data_json", billingData, unread),
                    in("invoice_csv", invoiceCsv, unread), lines(unread), in("created_by", createdBy, unread),
                    in("notes", notes, unread),
                    new CreateSnapshotCommand.Submission(receivedBody, defaultCreatedBy, submittedBy, idempotencyKey));
            assertTrue(unread.isEmpty(), () -> "no such field to reject: " + unread.keySet());
            return command;
        }

        private Input<List<Input<CreateSnapshotCommand.LineItemInput>>> lines(Map<String, String> unread) {
            if (unread.containsKey("line_items")) {
                return Input.unreadable("line_items", unread.remove("line_items"));
            }
            if (lineItems == null) {
                return Input.absent();
            }
            List<Input<CreateSnapshotCommand.LineItemInput>> items = new ArrayList<>();
            for (int i = 0; i < lineItems.size(); i++) {
                String at = "line_items[" + i + "]";
                Line line = Line.from(lineItems.get(i));
                items.add(unread.containsKey(at) ? Input.unreadable(at, unread.remove(at)) : Input.of(
                        new CreateSnapshotCommand.LineItemInput(in(at + ".line_type", line.lineType, unread),
                                in(at + ".item_name", line.itemName, unread),
                                in(at + ".description", line.description, unread),
                                in(at + ".quantity", line.quantity, unread), in(at + ".rate", line.rate, unread),
                                in(at + ".amount", line.amount, unread))));
            }
            return Input.of(items);
        }

        private static <T> Input<T> in(String field, T value, Map<String, String> unread) {
            return unread.containsKey(field) ? Input.unreadable(field, unread.remove(field)) : Input.of(value);
        }
    }

    /** One line item as a client wrote it; {@link Bill#build} reads it as an adapter would. */
    record RawLine(String lineType, String itemName, String description, BigDecimal quantity, BigDecimal rate,
                   BigDecimal amount) {
    }

    /** One raw line item, valid by default. */
    static final class Line {
        String lineType = "asset";
        String itemName = "WS-001";
        String description = "Workstation";
        BigDecimal quantity = new BigDecimal("1");
        BigDecimal rate = new BigDecimal("15.00");
        BigDecimal amount = new BigDecimal("15.00");

        static Line from(RawLine in) {
            Line line = new Line();
            line.lineType = in.lineType();
            line.itemName = in.itemName();
            line.description = in.description();
            line.quantity = in.quantity();
            line.rate = in.rate();
            line.amount = in.amount();
            return line;
        }

        Line with(Consumer<Line> change) {
            change.accept(this);
            return this;
        }

        RawLine build() {
            return new RawLine(lineType, itemName, description, quantity, rate, amount);
        }
    }
}
