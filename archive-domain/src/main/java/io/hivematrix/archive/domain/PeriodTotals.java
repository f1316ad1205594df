package io.hivematrix.archive.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What one billing period's bills add up to: how many companies and bills, the amount billed and each kind of charge.
 * Sums are exact decimals to the cent, unbounded: a period's total over every company may exceed what one bill's
 * {@link Money} holds.
 */
public record PeriodTotals(BillingPeriod period, long companies, long snapshots, BigDecimal totalAmount,
                           BigDecimal userCharges, BigDecimal assetCharges, BigDecimal backupCharges,
                           BigDecimal ticketCharges, BigDecimal lineItemCharges) {
    public PeriodTotals {
        Objects.requireNonNull(period, "period");
        if (companies < 0 || snapshots < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (companies > snapshots) {
            throw new IllegalArgumentException("a company counts only with a bill of the period");
        }
        totalAmount = cents(totalAmount, "total amount");
        userCharges = cents(userCharges, "total user charges");
        assetCharges = cents(assetCharges, "total asset charges");
        backupCharges = cents(backupCharges, "total backup charges");
        ticketCharges = cents(ticketCharges, "total ticket charges");
        lineItemCharges = cents(lineItemCharges, "total line item charges");
    }

    /** A period without bills: zero of everything. */
    public static PeriodTotals none(BillingPeriod period) {
        return new PeriodTotals(period, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /**
     * These totals with one more bill counted, {@code newCompany} when it is its company's first of the period (a
     * company has at most one bill a period, so that is every bill; the caller says so rather than this assuming it).
     */
    public PeriodTotals plus(SnapshotSummary bill, boolean newCompany) {
        if (!bill.period().equals(period)) {
            throw new IllegalArgumentException("a bill of " + bill.period() + " is not one of " + period);
        }
        return new PeriodTotals(period, companies + (newCompany ? 1 : 0), snapshots + 1,
                totalAmount.add(bill.totalAmount().amount()), userCharges.add(bill.totalUserCharges().amount()),
                assetCharges.add(bill.totalAssetCharges().amount()),
                backupCharges.add(bill.totalBackupCharges().amount()),
                ticketCharges.add(bill.totalTicketCharges().amount()),
                lineItemCharges.add(bill.totalLineItemCharges().amount()));
    }

    /** Money sums keep the cent as their scale, so 1875 is written 1875.00 like every other amount. */
    private static BigDecimal cents(BigDecimal amount, String what) {
        Objects.requireNonNull(amount, what);
        return amount.setScale(Money.SCALE, RoundingMode.UNNECESSARY);
    }
}
