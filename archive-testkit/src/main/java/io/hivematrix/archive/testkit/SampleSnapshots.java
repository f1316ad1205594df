package io.hivematrix.archive.testkit;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Charges;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.LineType;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.Terms;
import io.hivematrix.archive.domain.Usage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Realistic, valid snapshots for tests, with exact decimals that a float would not keep. */
public final class SampleSnapshots {
    private SampleSnapshots() {
    }

    public static Snapshot bill(String account, int year, int month) {
        return bill(account + "-" + String.format("%04d%02d", year, month), account, year, month);
    }

    public static Snapshot bill(String invoice, String account, int year, int month) {
        List<LineItem> items = List.of(
                new LineItem(LineType.USER, "User 0", "User: User 0 (Paid)", new BigDecimal("1"),
                        new BigDecimal("100"), Money.of("100.00")),
                new LineItem(LineType.ASSET, "WS-000", null, new BigDecimal("3"),
                        new BigDecimal("0.1"), Money.of("0.30")),
                new LineItem(LineType.TICKET, "Support hours", "Billable hours", new BigDecimal("2.5"),
                        new BigDecimal("123.456789"), Money.of("308.64")),
                new LineItem(LineType.CUSTOM, "Credit", "Goodwill credit", new BigDecimal("1"),
                        new BigDecimal("-8.94"), Money.of("-8.94")));
        return new Snapshot(new InvoiceNumber(invoice), new AccountNumber(account), "Acme Corp \"Ünïcode\"",
                new BillingPeriod(year, month), LocalDate.of(year, month, 1).plusMonths(1).minusDays(1),
                LocalDate.of(year, month, 1).plusMonths(2).minusDays(1),
                new Terms("MSP Gold", "1-Year", "All Inclusive"),
                new Charges(Money.of("400.00"), Money.of("100.00"), Money.of("0.30"), Money.of("0"),
                        Money.of("308.64"), Money.of("-8.94")),
                new Usage(1, 1, new BigDecimal("2.5")),
                "{\"client\":{\"account_number\":\"" + account + "\",\"name\":\"Acme Corp\"},\"total\":400.10}",
                "InvoiceNo,Customer,Amount\r\n" + invoice + ",\"Acme Corp\",400.00\r\n", items, "service:ledger",
                "Accepted in Ledger", "service:ledger");
    }
}
