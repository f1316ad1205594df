package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expectation here is worked out by hand from the two bills each test builds. */
class BillComparisonTest {

    private static LineItem line(LineType type, String name, String quantity, String rate, String amount) {
        return new LineItem(type, name, null, new BigDecimal(quantity), new BigDecimal(rate), Money.of(amount));
    }

    /** October: two users, one asset, backup, support hours and a credit; 590.50 in all. */
    private static Snapshot october() {
        return bill(10, "590.50", "200.00 25.50 75.00 300.00 -10.00", 2, 1,
                "USER Alice 1 100 100.00", "USER Bob 1 100 100.00", "ASSET WS-001 1 25.50 25.50",
                "BACKUP Cloud backup 500 0.15 75.00", "TICKET Support hours 2.5 120 300.00",
                "CUSTOM Credit 1 -10 -10.00");
    }

    /** November: Bob left, Carol, Dave and Erin came, a second asset, more backup, fewer hours; 711.00 in all. */
    private static Snapshot november() {
        return bill(11, "711.00", "400.00 51.00 120.00 150.00 -10.00", 4, 2,
                "USER Alice 1 100 100.00", "USER Erin 1 100 100.00", "USER Carol 1 100 100.00",
                "USER Dave 1 100 100.00", "ASSET WS-001 1 25.50 25.50", "ASSET WS-002 1 25.50 25.50",
                "BACKUP Cloud backup 800 0.15 120.00", "TICKET Support hours 1.25 120 150.00",
                "CUSTOM Credit 1 -10 -10.00");
    }

    /**
     * A 2025 bill of company 620547 as written by hand: its total, its five charges (users, assets, backup,
     * tickets, other lines), its counts, and its lines as "TYPE name quantity rate amount".
     */
    private static Snapshot bill(int month, String total, String charges, int users, int assets, String... lines) {
        SnapshotBuilder b = new SnapshotBuilder();
        b.invoiceNumber = new InvoiceNumber("620547-2025" + month);
        b.period = new BillingPeriod(2025, month);
        b.lineItems = Arrays.stream(lines).map(BillComparisonTest::line).toList();
        b.totalAmount = Money.of(total);
        String[] each = charges.split(" ");
        b.totalUserCharges = Money.of(each[0]);
        b.totalAssetCharges = Money.of(each[1]);
        b.totalBackupCharges = Money.of(each[2]);
        b.totalTicketCharges = Money.of(each[3]);
        b.totalLineItemCharges = Money.of(each[4]);
        b.userCount = users;
        b.assetCount = assets;
        return b.build();
    }

    /** One line written "TYPE name quantity rate amount"; the name may hold spaces. */
    private static LineItem line(String written) {
        String[] words = written.split(" ");
        int n = words.length;
        String name = String.join(" ", Arrays.copyOfRange(words, 1, n - 3));
        return line(LineType.valueOf(words[0]), name, words[n - 3], words[n - 2], words[n - 1]);
    }

    @Test
    void addedRemovedAndChangedLines_areFound_biggestEffectFirst() {
        BillComparison diff = BillComparison.of(october(), november());

        assertEquals(List.of("Carol", "Dave", "Erin", "WS-002"), names(diff.added()));
        assertEquals(List.of("Bob"), names(diff.removed()));
        // Support hours moved the total by -150.00, backup by +45.00: the bigger effect comes first.
        assertEquals(List.of("Support hours", "Cloud backup"),
                diff.changed().stream().map(BillComparison.LineChange::itemName).toList());
        BillComparison.LineChange hours = diff.changed().get(0);
        assertEquals(LineType.TICKET, hours.lineType());
        assertEquals(new BigDecimal("2.5"), hours.from().quantity());
        assertEquals(new BigDecimal("1.25"), hours.to().quantity());
        assertEquals(new BigDecimal("-150.00"), hours.amountChange());
        BillComparison.LineChange backup = diff.changed().get(1);
        assertEquals(Money.of("75.00"), backup.from().amount());
        assertEquals(Money.of("120.00"), backup.to().amount());
        assertEquals(new BigDecimal("45.00"), backup.amountChange());
    }

    @Test
    void everyTotal_andTheCounts_haveFromToAndChange() {
        BillComparison diff = BillComparison.of(october(), november());

        assertEquals(new BigDecimal("120.50"), diff.charges().total().change()); // 711.00 - 590.50
        assertEquals(new BigDecimal("200.00"), diff.charges().userCharges().change());
        assertEquals(new BigDecimal("25.50"), diff.charges().assetCharges().change());
        assertEquals(new BigDecimal("45.00"), diff.charges().backupCharges().change());
        assertEquals(new BigDecimal("-150.00"), diff.charges().ticketCharges().change());
        assertEquals(new BigDecimal("0.00"), diff.charges().lineItemCharges().change());
        assertEquals(Money.of("590.50"), diff.charges().total().from());
        assertEquals(Money.of("711.00"), diff.charges().total().to());
        assertEquals(new BillComparison.Count(2, 4), diff.users());
        assertEquals(2, diff.users().change());
        assertEquals(1, diff.assets().change());
    }

    @Test
    void theTwoBills_areNamed_andTheirAccountsCompared() {
        BillComparison diff = BillComparison.of(october(), november());

        assertEquals(new InvoiceNumber("620547-202510"), diff.from().invoiceNumber());
        assertEquals(new BillingPeriod(2025, 10), diff.from().period());
        assertEquals(new InvoiceNumber("620547-202511"), diff.to().invoiceNumber());
        assertEquals(new BillingPeriod(2025, 11), diff.to().period());
        assertTrue(diff.sameAccount());
    }

    @Test
    void billsOfTwoAccounts_mayBeCompared_andSaySo() {
        SnapshotBuilder other = new SnapshotBuilder();
        other.accountNumber = new AccountNumber("777001");
        other.invoiceNumber = new InvoiceNumber("777001-202511");

        BillComparison diff = BillComparison.of(october(), other.build());

        assertFalse(diff.sameAccount());
        assertEquals(new AccountNumber("620547"), diff.from().accountNumber());
        assertEquals(new AccountNumber("777001"), diff.to().accountNumber());
    }

    @Test
    void identicalBills_haveEmptyListsAndZeroChanges_writtenToTheCent() {
        BillComparison diff = BillComparison.of(october(), october());

        assertTrue(diff.added().isEmpty());
        assertTrue(diff.removed().isEmpty());
        assertTrue(diff.changed().isEmpty());
        assertEquals("0.00", diff.charges().total().change().toPlainString());
        assertEquals("0.00", diff.charges().ticketCharges().change().toPlainString());
        assertEquals(0, diff.users().change());
        assertEquals(0, diff.assets().change());
    }

    @Test
    void changes_areExactToTheCent_whereADoubleWouldNotBe() {
        SnapshotBuilder from = new SnapshotBuilder();
        from.totalAmount = Money.of("10.10");
        from.lineItems = List.of(line(LineType.TICKET, "Hours", "3", "0.333333", "1.00"),
                line(LineType.CUSTOM, "Fee", "1", "10.10", "10.10"));
        SnapshotBuilder to = new SnapshotBuilder();
        to.totalAmount = Money.of("10.20");
        to.lineItems = List.of(line(LineType.TICKET, "Hours", "3", "0.333334", "1.00"),
                line(LineType.CUSTOM, "Fee", "1", "10.2", "10.20"));

        BillComparison diff = BillComparison.of(from.build(), to.build());

        assertEquals("0.10", diff.charges().total().change().toPlainString()); // 10.20 - 10.10 in doubles: 0.0999…
        // The fee moved by 0.10; the hours' rate changed in its sixth decimal but their amount did not (0.00).
        assertEquals(List.of("0.10", "0.00"),
                diff.changed().stream().map(c -> c.amountChange().toPlainString()).toList());
        assertEquals(new BigDecimal("0.333334"), diff.changed().get(1).to().rate());
    }

    @Test
    void aNewDescriptionAlone_isNoChange() {
        SnapshotBuilder from = new SnapshotBuilder();
        from.lineItems = List.of(new LineItem(LineType.USER, "Alice", "Alice (Paid)", BigDecimal.ONE,
                new BigDecimal("100"), Money.of("100")));
        SnapshotBuilder to = new SnapshotBuilder();
        to.lineItems = List.of(new LineItem(LineType.USER, "Alice", "Alice (Paid, admin)", new BigDecimal("1.0"),
                new BigDecimal("100.00"), Money.of("100.00")));

        BillComparison diff = BillComparison.of(from.build(), to.build());

        assertTrue(diff.changed().isEmpty(), diff.changed().toString());
        assertTrue(diff.added().isEmpty());
        assertTrue(diff.removed().isEmpty());
    }

    @Test
    void linesOfTheSameKey_arePairedInOrderOfPosition_andNoneIsDropped() {
        SnapshotBuilder from = new SnapshotBuilder();
        from.lineItems = List.of(line(LineType.USER, "Seat", "1", "50", "50.00"),
                line(LineType.ASSET, "WS-001", "1", "20", "20.00"),
                line(LineType.USER, "Seat", "2", "50", "100.00"));
        SnapshotBuilder to = new SnapshotBuilder();
        to.lineItems = List.of(line(LineType.USER, "Seat", "1", "50", "50.00"),
                line(LineType.USER, "Seat", "3", "50", "150.00"),
                line(LineType.USER, "Seat", "1", "50", "50.00"));

        BillComparison diff = BillComparison.of(from.build(), to.build());

        // First Seat with first Seat: the same. Second with second: 100.00 -> 150.00. The third Seat is new.
        assertEquals(1, diff.changed().size());
        assertEquals(new BigDecimal("2"), diff.changed().getFirst().from().quantity());
        assertEquals(new BigDecimal("3"), diff.changed().getFirst().to().quantity());
        assertEquals(new BigDecimal("50.00"), diff.changed().getFirst().amountChange());
        assertEquals(List.of(line(LineType.USER, "Seat", "1", "50", "50.00")), diff.added());
        assertEquals(List.of(line(LineType.ASSET, "WS-001", "1", "20", "20.00")), diff.removed());

        // The other way round, the Seat left over is removed, not lost.
        BillComparison back = BillComparison.of(to.build(), from.build());
        assertEquals(List.of(line(LineType.USER, "Seat", "1", "50", "50.00")), back.removed());
        assertEquals(List.of(line(LineType.ASSET, "WS-001", "1", "20", "20.00")), back.added());
        assertEquals(new BigDecimal("-50.00"), back.changed().getFirst().amountChange());
    }

    @Test
    void equalEffects_areOrderedByLineTypeThenItemName_whateverTheBillsOrder() {
        List<LineItem> lines = new ArrayList<>(List.of(
                line(LineType.USER, "Zoe", "1", "10", "10.00"),
                line(LineType.ASSET, "B", "1", "-10", "-10.00"), // a credit: its effect is as big
                line(LineType.USER, "Amy", "1", "10", "10.00"),
                line(LineType.BACKUP, "Vault", "1", "30", "30.00"),
                line(LineType.ASSET, "A", "1", "10", "10.00")));
        SnapshotBuilder empty = new SnapshotBuilder();
        empty.lineItems = List.of();
        SnapshotBuilder full = new SnapshotBuilder();
        full.lineItems = lines;

        List<String> expected = List.of("Vault", "A", "B", "Amy", "Zoe");
        assertEquals(expected, names(BillComparison.of(empty.build(), full.build()).added()));
        assertEquals(expected, names(BillComparison.of(full.build(), empty.build()).removed()));
        full.lineItems = lines.reversed();
        assertEquals(expected, names(BillComparison.of(empty.build(), full.build()).added()));
    }

    @Test
    void aChangeBeyondMoneysRange_isStillExact() {
        BillComparison.Change change = new BillComparison.Change(Money.of("-999999999999.99"),
                Money.of("999999999999.99"));
        assertEquals(new BigDecimal("1999999999999.98"), change.change());
    }

    @Test
    void aChangedLine_keepsItsKey() {
        LineItem alice = line(LineType.USER, "Alice", "1", "1", "1.00");
        assertThrows(IllegalArgumentException.class,
                () -> new BillComparison.LineChange(alice, line(LineType.ASSET, "Alice", "1", "1", "1.00")));
        assertThrows(IllegalArgumentException.class,
                () -> new BillComparison.LineChange(alice, line(LineType.USER, "Bob", "1", "1", "1.00")));
    }

    private static List<String> names(List<LineItem> lines) {
        return lines.stream().map(LineItem::itemName).toList();
    }
}
