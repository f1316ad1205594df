package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Charges;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.Terms;
import io.hivematrix.archive.domain.Usage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Valid snapshots whose searchable fields (company, period, total, CSV) a test chooses; no line items, so saves are quick. */
final class Bills {
    private Bills() {
    }

    static Snapshot bill(String invoice, String account, String company, BillingPeriod period, Money total) {
        return bill(invoice, account, company, period, total, "InvoiceNo,Amount\r\n" + invoice + "," + total + "\r\n");
    }

    static Snapshot bill(String invoice, String account, String company, BillingPeriod period, Money total,
                         String csv) {
        LocalDate lastDay = period.toYearMonth().atEndOfMonth();
        return new Snapshot(new InvoiceNumber(invoice), new AccountNumber(account), company, period, lastDay,
                lastDay.plusDays(30),
                new Terms("MSP Gold", "1-Year", null),
                new Charges(total, total, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO),
                new Usage(3, 0, new BigDecimal("2.50")),
                "{\"total\":\"" + total + "\"}", csv, List.of(), "service:test", null, "service:test");
    }
}
