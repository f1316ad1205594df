package io.hivematrix.archive.testkit.neighbours;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

/**
 * Create bodies as Ledger posts them, made from a stored Ledger bill (the repository's fixture has 34 line
 * items) re-addressed to another company and month.
 */
public final class LedgerBills {
    /** The repository's real-shaped Ledger bill. */
    public static final String FIXTURE = "fixtures/ledger-snapshot-620547-202510.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode fixture;

    private LedgerBills(ObjectNode fixture) {
        this.fixture = fixture;
    }

    /** From the bill stored at {@code file}. */
    public static LedgerBills from(Path file) {
        try {
            return new LedgerBills((ObjectNode) JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bill fixture " + file.toAbsolutePath(), e);
        }
    }

    /** From the repository's {@link #FIXTURE}, found from wherever the JVM started. */
    public static LedgerBills standard() {
        return from(repositoryFile(FIXTURE));
    }

    /** A file of the repository (the folder holding {@code fixtures/}), found from the working directory up. */
    public static Path repositoryFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("fixtures"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("fixtures/ not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(relative);
    }

    /** The stored bill itself, a fresh copy. */
    public ObjectNode fixture() {
        return fixture.deepCopy();
    }

    public int lineItems() {
        return fixture.get("line_items").size();
    }

    /**
     * The company's bill for the month as Ledger sends it: account and name (also in the client block),
     * period, dates at the month's end, and the invoice number {@code invoiceAccount-YYYYMM} (another account's
     * to make a clashing invoice).
     */
    public ObjectNode bill(String invoiceAccount, String account, String name, int year, int month) {
        YearMonth period = YearMonth.of(year, month);
        ObjectNode bill = fixture.deepCopy();
        bill.put("company_account_number", account)
                .put("company_name", name)
                .put("billing_year", year)
                .put("billing_month", month)
                .put("invoice_number", invoiceAccount + "-" + String.format("%04d%02d", year, month))
                .put("invoice_date", period.atEndOfMonth().toString())
                .put("due_date", period.atEndOfMonth().plusDays(30).toString());
        ((ObjectNode) bill.get("billing_data_json").get("client")).put("account_number", account).put("name", name);
        return bill;
    }

    /** The stored bill with only account, period and invoice number changed. */
    public String body(String account, int year, int month, String invoice) {
        ObjectNode bill = fixture.deepCopy();
        bill.put("company_account_number", account);
        bill.put("billing_year", year);
        bill.put("billing_month", month);
        bill.put("invoice_number", invoice);
        return bill.toString();
    }
}
