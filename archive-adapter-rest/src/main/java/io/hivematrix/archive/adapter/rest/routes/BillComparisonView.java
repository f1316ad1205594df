package io.hivematrix.archive.adapter.rest.routes;

import io.hivematrix.archive.domain.BillComparison;
import io.hivematrix.archive.domain.LineItem;
import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON of {@code GET /api/snapshot/{invoice}/diff}: the two bills, every total and count with its change, and
 * the line items added, removed and changed. Money is written as {@link SnapshotView} writes it (1875.00).
 */
public record BillComparisonView(Bill from, Bill to, boolean sameAccount, Totals totals, Counts counts,
                                 LineItems lineItems) {

    /** Public so the diff benchmark can serialise the route's own view. */
    public static BillComparisonView of(BillComparison c) {
        BillComparison.ChargeChanges charges = c.charges();
        return new BillComparisonView(Bill.of(c.from()), Bill.of(c.to()), c.sameAccount(),
                new Totals(Amounts.of(charges.total()), Amounts.of(charges.userCharges()),
                        Amounts.of(charges.assetCharges()), Amounts.of(charges.backupCharges()),
                        Amounts.of(charges.ticketCharges()), Amounts.of(charges.lineItemCharges())),
                new Counts(Count.of(c.users()), Count.of(c.assets())),
                new LineItems(c.added().stream().map(line -> Line.of(line, line.amount().amount())).toList(),
                        c.removed().stream().map(line -> Line.of(line, line.amount().amount().negate())).toList(),
                        c.changed().stream().map(Changed::of).toList()));
    }

    /** One side of the comparison. */
    record Bill(String invoiceNumber, String companyAccountNumber, String companyName, String period) {
        static Bill of(BillComparison.Bill b) {
            return new Bill(b.invoiceNumber().value(), b.accountNumber().value(), b.companyName(),
                    b.period().toString());
        }
    }

    /** One amount on both bills, and {@code to - from}. */
    record Amounts(BigDecimal from, BigDecimal to, BigDecimal change) {
        static Amounts of(BillComparison.Change c) {
            return new Amounts(c.from().amount(), c.to().amount(), c.change());
        }
    }

    /** Named as the snapshot's own totals are. */
    record Totals(Amounts totalAmount, Amounts totalUserCharges, Amounts totalAssetCharges,
                  Amounts totalBackupCharges, Amounts totalTicketCharges, Amounts totalLineItemCharges) {
    }

    record Count(int from, int to, int change) {
        static Count of(BillComparison.Count c) {
            return new Count(c.from(), c.to(), c.change());
        }
    }

    /** Named as the snapshot's own counts are. */
    record Counts(Count userCount, Count assetCount) {
    }

    record LineItems(List<Line> added, List<Line> removed, List<Changed> changed) {
    }

    /** A line on one bill only; {@code amount_change} is its amount, negated when it was removed. */
    record Line(String lineType, String itemName, String description, BigDecimal quantity, BigDecimal rate,
                BigDecimal amount, BigDecimal amountChange) {
        static Line of(LineItem line, BigDecimal amountChange) {
            return new Line(line.lineType().code(), line.itemName(), line.description(), line.quantity(),
                    line.rate(), line.amount().amount(), amountChange);
        }
    }

    /** What one side of a changed line says. */
    record Side(String description, BigDecimal quantity, BigDecimal rate, BigDecimal amount) {
        static Side of(LineItem line) {
            return new Side(line.description(), line.quantity(), line.rate(), line.amount().amount());
        }
    }

    /** A line on both bills whose quantity, rate or amount differ. */
    record Changed(String lineType, String itemName, Side from, Side to, BigDecimal amountChange) {
        static Changed of(BillComparison.LineChange c) {
            return new Changed(c.lineType().code(), c.itemName(), Side.of(c.from()), Side.of(c.to()),
                    c.amountChange());
        }
    }
}
