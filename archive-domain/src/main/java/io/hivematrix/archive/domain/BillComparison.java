package io.hivematrix.archive.domain;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed from one bill ({@code from}, the older or the one compared against) to another ({@code to}): each
 * total, the user and asset counts, and the line items added, removed and changed, each list biggest effect on the
 * total first. Exact: every change is a {@link BigDecimal} difference of two stored amounts, nothing is rounded.
 *
 * <p>Lines are matched by line type and item name. When a bill holds several lines with the same key, they are
 * paired in the order of their positions (the first with the first, and so on); those left over on the newer bill
 * are added and those left over on the older one removed, so no line is ever dropped. A matched pair is changed
 * when its quantity, rate or amount differ; a new description alone is not a change of the bill.
 */
public record BillComparison(Bill from, Bill to, ChargeChanges charges, Count users, Count assets,
                             List<LineItem> added, List<LineItem> removed, List<LineChange> changed) {

    /** Biggest effect on the total first; ties by line type code, then item name, then position (stable sort). */
    private static final Comparator<BigDecimal> BIGGEST_FIRST = Comparator.comparing(BigDecimal::abs,
            Comparator.reverseOrder());

    public BillComparison {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(charges, "charges");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(assets, "assets");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** Compares {@code to} with {@code from}: what a billing person reads as "what changed since that bill". */
    public static BillComparison of(Snapshot from, Snapshot to) {
        List<LineItem> before = from.lineItems();
        List<LineItem> after = to.lineItems();
        // The positions of the older bill's lines under each key, first position first.
        Map<Key, ArrayDeque<Integer>> unmatched = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            unmatched.computeIfAbsent(Key.of(before.get(i)), k -> new ArrayDeque<>()).add(i);
        }
        boolean[] matched = new boolean[before.size()];
        List<LineItem> added = new ArrayList<>();
        List<LineChange> changed = new ArrayList<>();
        for (LineItem line : after) {
            ArrayDeque<Integer> candidates = unmatched.get(Key.of(line));
            Integer index = candidates == null ? null : candidates.pollFirst();
            if (index == null) {
                added.add(line);
                continue;
            }
            matched[index] = true;
            LineChange pair = new LineChange(before.get(index), line);
            if (pair.isChange()) {
                changed.add(pair);
            }
        }
        List<LineItem> removed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!matched[i]) {
                removed.add(before.get(i));
            }
        }
        added.sort(byEffect(line -> line.amount().amount(), line -> line));
        removed.sort(byEffect(line -> line.amount().amount(), line -> line));
        changed.sort(byEffect(LineChange::amountChange, LineChange::to));
        return new BillComparison(Bill.of(from), Bill.of(to), ChargeChanges.of(from.charges(), to.charges()),
                new Count(from.usage().userCount(), to.usage().userCount()),
                new Count(from.usage().assetCount(), to.usage().assetCount()), added, removed, changed);
    }

    /** Whether both bills are of the same company; comparing two companies is allowed, and says so. */
    public boolean sameAccount() {
        return from.accountNumber().equals(to.accountNumber());
    }

    private static <T> Comparator<T> byEffect(Function<T, BigDecimal> effect, Function<T, LineItem> line) {
        return Comparator.comparing(effect, BIGGEST_FIRST)
                .thenComparing(t -> line.apply(t).lineType().code())
                .thenComparing(t -> line.apply(t).itemName());
    }

    /** What identifies one side of the comparison. */
    public record Bill(InvoiceNumber invoiceNumber, AccountNumber accountNumber, String companyName,
                       BillingPeriod period) {
        public Bill {
            Objects.requireNonNull(invoiceNumber, "invoice number");
            Objects.requireNonNull(accountNumber, "account number");
            Objects.requireNonNull(companyName, "company name");
            Objects.requireNonNull(period, "period");
        }

        static Bill of(Snapshot s) {
            return new Bill(s.invoiceNumber(), s.accountNumber(), s.companyName(), s.period());
        }
    }

    /** One amount on both bills. */
    public record Change(Money from, Money to) {
        public Change {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        /**
         * {@code to - from}, to the cent. A plain decimal, not {@link Money}: the difference of two amounts within
         * Money's range may lie outside it.
         */
        public BigDecimal change() {
            return to.amount().subtract(from.amount());
        }
    }

    /** The total and each kind of charge, on both bills. */
    public record ChargeChanges(Change total, Change userCharges, Change assetCharges, Change backupCharges,
                                Change ticketCharges, Change lineItemCharges) {
        public ChargeChanges {
            Objects.requireNonNull(total, "total");
            Objects.requireNonNull(userCharges, "user charges");
            Objects.requireNonNull(assetCharges, "asset charges");
            Objects.requireNonNull(backupCharges, "backup charges");
            Objects.requireNonNull(ticketCharges, "ticket charges");
            Objects.requireNonNull(lineItemCharges, "line item charges");
        }

        static ChargeChanges of(Charges from, Charges to) {
            return new ChargeChanges(new Change(from.total(), to.total()),
                    new Change(from.userCharges(), to.userCharges()),
                    new Change(from.assetCharges(), to.assetCharges()),
                    new Change(from.backupCharges(), to.backupCharges()),
                    new Change(from.ticketCharges(), to.ticketCharges()),
                    new Change(from.lineItemCharges(), to.lineItemCharges()));
        }
    }

    /** A count (users, assets) on both bills. */
    public record Count(int from, int to) {
        public int change() {
            return to - from;
        }
    }

    /** A line on both bills, matched by its key, whose quantity, rate or amount differ. */
    public record LineChange(LineItem from, LineItem to) {
        public LineChange {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!Key.of(from).equals(Key.of(to))) {
                throw new IllegalArgumentException("a changed line must keep its line type and item name");
            }
        }

        public LineType lineType() {
            return to.lineType();
        }

        public String itemName() {
            return to.itemName();
        }

        /** How much this line moved the total: {@code to.amount - from.amount}. */
        public BigDecimal amountChange() {
            return to.amount().amount().subtract(from.amount().amount());
        }

        boolean isChange() {
            return from.quantity().compareTo(to.quantity()) != 0 || from.rate().compareTo(to.rate()) != 0
                    || !from.amount().equals(to.amount());
        }
    }

    /** What matches a line on one bill with a line on the other. */
    private record Key(LineType lineType, String itemName) {
        static Key of(LineItem line) {
            return new Key(line.lineType(), line.itemName());
        }
    }
}
