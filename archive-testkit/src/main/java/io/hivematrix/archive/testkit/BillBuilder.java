package io.hivematrix.archive.testkit;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Charges;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.Terms;
import io.hivematrix.archive.domain.Usage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A snapshot for a test, copied from a sample (or any snapshot) with the fields the test cares about changed:
 * {@code BillBuilder.from(bill).withNotes("late").build()}. The one place a test names all of Snapshot's fields.
 */
public final class BillBuilder {
    private InvoiceNumber invoiceNumber;
    private AccountNumber accountNumber;
    private String companyName;
    private BillingPeriod period;
    private LocalDate invoiceDate;
    private LocalDate dueDate;
    private String billingPlan;
    private String contractTerm;
    private String supportLevel;
    private Money totalAmount;
    private Money totalUserCharges;
    private Money totalAssetCharges;
    private Money totalBackupCharges;
    private Money totalTicketCharges;
    private Money totalLineItemCharges;
    private int userCount;
    private int assetCount;
    private BigDecimal billableHours;
    private String billingData;
    private String invoiceCsv;
    private List<LineItem> lineItems;
    private String createdBy;
    private String notes;
    private String submittedBy;

    private BillBuilder(Snapshot s) {
        invoiceNumber = s.invoiceNumber();
        accountNumber = s.accountNumber();
        companyName = s.companyName();
        period = s.period();
        invoiceDate = s.invoiceDate();
        dueDate = s.dueDate();
        billingPlan = s.terms().billingPlan();
        contractTerm = s.terms().contractTerm();
        supportLevel = s.terms().supportLevel();
        totalAmount = s.charges().total();
        totalUserCharges = s.charges().userCharges();
        totalAssetCharges = s.charges().assetCharges();
        totalBackupCharges = s.charges().backupCharges();
        totalTicketCharges = s.charges().ticketCharges();
        totalLineItemCharges = s.charges().lineItemCharges();
        userCount = s.usage().userCount();
        assetCount = s.usage().assetCount();
        billableHours = s.usage().billableHours();
        billingData = s.billingData();
        invoiceCsv = s.invoiceCsv();
        lineItems = s.lineItems();
        createdBy = s.createdBy();
        notes = s.notes();
        submittedBy = s.submittedBy();
    }

    /** A copy of {@code snapshot} to change. */
    public static BillBuilder from(Snapshot snapshot) {
        return new BillBuilder(snapshot);
    }

    /** The {@link SampleSnapshots#bill(String, int, int) sample bill} of the account for the month, to change. */
    public static BillBuilder sample(String account, int year, int month) {
        return new BillBuilder(SampleSnapshots.bill(account, year, month));
    }

    public BillBuilder withInvoiceNumber(String invoice) {
        invoiceNumber = new InvoiceNumber(invoice);
        return this;
    }

    public BillBuilder withAccountNumber(String account) {
        accountNumber = new AccountNumber(account);
        return this;
    }

    public BillBuilder withCompanyName(String name) {
        companyName = name;
        return this;
    }

    public BillBuilder withPeriod(BillingPeriod period) {
        this.period = period;
        return this;
    }

    public BillBuilder withInvoiceDate(LocalDate date) {
        invoiceDate = date;
        return this;
    }

    public BillBuilder withDueDate(LocalDate date) {
        dueDate = date;
        return this;
    }

    public BillBuilder withBillingPlan(String plan) {
        billingPlan = plan;
        return this;
    }

    public BillBuilder withContractTerm(String term) {
        contractTerm = term;
        return this;
    }

    public BillBuilder withSupportLevel(String level) {
        supportLevel = level;
        return this;
    }

    public BillBuilder withTotalAmount(Money total) {
        totalAmount = total;
        return this;
    }

    /** The totals by kind: users, assets, backups, tickets, custom line items. */
    public BillBuilder withCharges(Money users, Money assets, Money backups, Money tickets, Money lineItems) {
        totalUserCharges = users;
        totalAssetCharges = assets;
        totalBackupCharges = backups;
        totalTicketCharges = tickets;
        totalLineItemCharges = lineItems;
        return this;
    }

    public BillBuilder withUserCount(int count) {
        userCount = count;
        return this;
    }

    public BillBuilder withAssetCount(int count) {
        assetCount = count;
        return this;
    }

    public BillBuilder withBillableHours(BigDecimal hours) {
        billableHours = hours;
        return this;
    }

    public BillBuilder withBillingData(String json) {
        billingData = json;
        return this;
    }

    public BillBuilder withInvoiceCsv(String csv) {
        invoiceCsv = csv;
        return this;
    }

    public BillBuilder withLineItems(List<LineItem> items) {
        lineItems = items;
        return this;
    }

    public BillBuilder withCreatedBy(String principal) {
        createdBy = principal;
        return this;
    }

    public BillBuilder withNotes(String notes) {
        this.notes = notes;
        return this;
    }

    public BillBuilder withSubmittedBy(String principal) {
        submittedBy = principal;
        return this;
    }

    /** The snapshot; Snapshot's own checks run here, so a test can build an invalid one only on purpose. */
    public Snapshot build() {
        return new Snapshot(invoiceNumber, accountNumber, companyName, period, invoiceDate, dueDate,
                new Terms(billingPlan, contractTerm, supportLevel),
                new Charges(totalAmount, totalUserCharges, totalAssetCharges, totalBackupCharges, totalTicketCharges,
                        totalLineItemCharges),
                new Usage(userCount, assetCount, billableHours),
                billingData, invoiceCsv, lineItems, createdBy, notes, submittedBy);
    }
}
