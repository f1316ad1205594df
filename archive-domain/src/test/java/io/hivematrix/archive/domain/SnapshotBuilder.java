package io.hivematrix.archive.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A valid sample snapshot whose fields a test may change one at a time. */
final class SnapshotBuilder {
    InvoiceNumber invoiceNumber = new InvoiceNumber("620547-202510");
    AccountNumber accountNumber = new AccountNumber("620547");
    String companyName = "Acme Widgets";
    BillingPeriod period = new BillingPeriod(2025, 10);
    LocalDate invoiceDate = LocalDate.of(2025, 11, 1);
    LocalDate dueDate = LocalDate.of(2025, 12, 1);
    String billingPlan = "Standard";
    String contractTerm = "Month-to-Month";
    String supportLevel = "Gold";
    Money totalAmount = Money.of("1250.00");
    Money totalUserCharges = Money.of("1000.00");
    Money totalAssetCharges = Money.of("150.00");
    Money totalBackupCharges = Money.of("50.00");
    Money totalTicketCharges = Money.of("25.00");
    Money totalLineItemCharges = Money.of("25.00");
    int userCount = 10;
    int assetCount = 3;
    BigDecimal billableHours = new BigDecimal("2.5");
    String billingData = "{\"a\":1}";
    String invoiceCsv = "Item,Amount\r\nUsers,1000.00\r\n";
    List<LineItem> lineItems = new ArrayList<>(List.of(
            new LineItem(LineType.USER, "Users", "10 users", new BigDecimal("10"), new BigDecimal("100"),
                    Money.of("1000.00")),
            new LineItem(LineType.ASSET, "Assets", null, new BigDecimal("3"), new BigDecimal("50"),
                    Money.of("150.00"))));
    String createdBy = "service:ledger";
    String notes = null;
    /** Null: the sample is a bill of the old shape, archived before submitters were recorded. */
    String submittedBy = null;

    Snapshot build() {
        return new Snapshot(invoiceNumber, accountNumber, companyName, period, invoiceDate, dueDate,
                new Terms(billingPlan, contractTerm, supportLevel),
                new Charges(totalAmount, totalUserCharges, totalAssetCharges, totalBackupCharges, totalTicketCharges,
                        totalLineItemCharges),
                new Usage(userCount, assetCount, billableHours),
                billingData, invoiceCsv, lineItems, createdBy, notes, submittedBy);
    }
}
