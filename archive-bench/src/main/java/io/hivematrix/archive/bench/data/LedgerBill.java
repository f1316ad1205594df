package io.hivematrix.archive.bench.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A company's bill for one month as Ledger posts it (the fixture's shape, but 3–12 grouped lines): totals that
 * add up from the lines, a breakdown in {@code billing_data_json}, the CSV invoice, and numbers spelled as
 * Python floats the way Ledger sends them.
 */
final class LedgerBill {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String CSV_HEADER =
            "InvoiceNo,Customer,InvoiceDate,DueDate,Item(Product/Service),Description,Qty,Rate,Amount\n";
    private static final List<String> ACCEPTED_BY = List.of("alice@example.com", "bob@example.com",
            "billing@example.com", "carol@example.com");

    final String body;
    final Instant archivedAt;

    private LedgerBill(String body, Instant archivedAt) {
        this.body = body;
        this.archivedAt = archivedAt;
    }

    /** The bill of {@code company} for month index {@code month}; the same inputs always give the same bill. */
    static LedgerBill of(Company company, int month) {
        return of(company, month, BillLines.MAX_LINES);
    }

    /** As above, keeping the first {@code maxLines} lines (the totals are those of the lines kept). */
    static LedgerBill of(Company company, int month, int maxLines) {
        SplittableRandom rng = new SplittableRandom(company.seed() * 31 + month);
        YearMonth period = YearMonth.of(CompanyRoster.FIRST_YEAR, 1).plusMonths(month);
        List<BillLine> all = BillLines.of(company, month, period, rng);
        List<BillLine> lines = all.size() > maxLines ? all.subList(0, maxLines) : all;
        return new LedgerBill(body(company, period, lines, rng), archivedAt(period, rng));
    }

    /** Most bills arrive in the monthly run on the 1st at 02:00 UTC; some are accepted by hand days later. */
    private static Instant archivedAt(YearMonth period, SplittableRandom rng) {
        Instant run = period.plusMonths(1).atDay(1).atTime(2, 0).toInstant(ZoneOffset.UTC);
        int kind = rng.nextInt(100);
        long micros = kind < 80 ? rng.nextLong(90L * 60 * 1_000_000)
                : kind < 95 ? rng.nextLong(5L * 86_400 * 1_000_000)
                : rng.nextLong(20L * 86_400 * 1_000_000);
        return run.plusNanos(micros * 1_000);
    }

    private static String body(Company c, YearMonth period, List<BillLine> lines, SplittableRandom rng) {
        String invoice = c.accountNumber() + "-" + period.getYear() + String.format("%02d", period.getMonthValue());
        LocalDate invoiceDate = period.atEndOfMonth();
        LocalDate dueDate = invoiceDate.plusDays(30);
        BigDecimal users = sum(lines, "user");
        BigDecimal assets = sum(lines, "asset");
        BigDecimal backup = sum(lines, "backup");
        BigDecimal tickets = sum(lines, "ticket");
        BigDecimal custom = sum(lines, "custom");
        BigDecimal total = users.add(assets).add(backup).add(tickets).add(custom);
        StringWriter out = new StringWriter(2048);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("company_account_number", c.accountNumber());
            g.writeStringField("company_name", c.name());
            g.writeNumberField("billing_year", period.getYear());
            g.writeNumberField("billing_month", period.getMonthValue());
            g.writeStringField("invoice_number", invoice);
            g.writeStringField("invoice_date", invoiceDate.toString());
            g.writeStringField("due_date", dueDate.toString());
            g.writeStringField("billing_plan", c.plan().label);
            g.writeStringField("contract_term", c.contractTerm());
            g.writeStringField("support_level", c.plan().supportLevel);
            pyNumber(g, "total_amount", total);
            pyNumber(g, "total_user_charges", users);
            pyNumber(g, "total_asset_charges", assets);
            pyNumber(g, "total_backup_charges", backup);
            pyNumber(g, "total_ticket_charges", tickets);
            pyNumber(g, "total_line_item_charges", custom);
            g.writeNumberField("user_count", count(lines, "user"));
            g.writeNumberField("asset_count", count(lines, "asset"));
            pyNumber(g, "billable_hours", count(lines, "ticket") == 0 ? BigDecimal.ZERO : quantity(lines, "ticket"));
            g.writeFieldName("billing_data_json");
            breakdown(g, c, period, lines, total);
            g.writeStringField("invoice_csv", csv(c, invoice, invoiceDate, dueDate, lines));
            g.writeArrayFieldStart("line_items");
            for (BillLine line : lines) {
                g.writeStartObject();
                g.writeStringField("line_type", line.lineType());
                g.writeStringField("item_name", line.itemName());
                g.writeStringField("description", line.description());
                pyNumber(g, "quantity", line.quantity());
                pyNumber(g, "rate", line.rate());
                pyNumber(g, "amount", line.amount());
                g.writeEndObject();
            }
            g.writeEndArray();
            // Most bills come from the monthly run (created_by defaults to service:ledger); some were accepted by hand.
            int who = rng.nextInt(100);
            if (who < 15) {
                g.writeStringField("created_by", ACCEPTED_BY.get(who % ACCEPTED_BY.size()));
                g.writeStringField("notes", "Accepted from Ledger");
            } else {
                g.writeStringField("notes", "Monthly snapshot " + period);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void breakdown(JsonGenerator g, Company c, YearMonth period, List<BillLine> lines, BigDecimal total)
            throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("client");
        g.writeStringField("account_number", c.accountNumber());
        g.writeStringField("name", c.name());
        g.writeEndObject();
        g.writeStringField("period", period.toString());
        for (String type : List.of("user", "asset", "backup", "ticket", "custom")) {
            g.writeArrayFieldStart(type + "_charges");
            for (BillLine line : lines) {
                if (line.lineType().equals(type)) {
                    g.writeStartObject();
                    g.writeStringField("name", line.itemName());
                    pyNumber(g, "quantity", line.quantity());
                    pyNumber(g, "rate", line.rate());
                    pyNumber(g, "cost", line.amount());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("receipt_data");
        g.writeNumberField("line_count", lines.size());
        pyNumber(g, "total", total);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static String csv(Company c, String invoice, LocalDate invoiceDate, LocalDate dueDate, List<BillLine> lines) {
        StringBuilder csv = new StringBuilder(CSV_HEADER.length() + lines.size() * 120).append(CSV_HEADER);
        String customer = quoted(c.name());
        for (BillLine line : lines) {
            csv.append(invoice).append(',').append(customer).append(',').append(invoiceDate).append(',')
                    .append(dueDate).append(',').append(line.csvItem()).append(',').append(quoted(line.description()))
                    .append(',').append(py(line.quantity())).append(',').append(line.rate().setScale(2).toPlainString())
                    .append(',').append(line.amount().toPlainString()).append('\n');
        }
        return csv.toString();
    }

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static BigDecimal sum(List<BillLine> lines, String type) {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (BillLine line : lines) {
            if (line.lineType().equals(type)) {
                sum = sum.add(line.amount());
            }
        }
        return sum;
    }

    private static int count(List<BillLine> lines, String type) {
        return quantity(lines, type).intValue();
    }

    private static BigDecimal quantity(List<BillLine> lines, String type) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BillLine line : lines) {
            if (line.lineType().equals(type)) {
                sum = sum.add(line.quantity());
            }
        }
        return sum;
    }

    private static void pyNumber(JsonGenerator g, String name, BigDecimal value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(py(value));
    }

    /** A decimal as Python's float repr spells it: 100 → "100.0", 12.50 → "12.5". */
    static String py(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.setScale(1).toPlainString() : stripped.toPlainString();
    }
}
