package io.hivematrix.archive.bench.rest;

import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.adapter.rest.routes.BillComparisonView;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillComparison;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code GET /api/snapshot/{invoice}/diff} past the two reads: two bills of 1,000 lines each compared (issue 20's
 * budget is 20 ms), then the comparison written as the route writes it. Of the lines, 50 are removed, 50 added and
 * 100 changed, and 20 keys appear twice, so every branch of the matching is taken.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DiffBenchmark {
    static final int LINES = 1_000;

    private Snapshot from;
    private Snapshot to;

    @Setup
    public void setUp() {
        List<LineItem> before = new ArrayList<>();
        List<LineItem> after = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            int key = i % 50 == 49 ? i - 1 : i; // 20 keys are used twice: duplicates, paired in order
            LineItem line = line(key, i, "1", "100.00");
            before.add(line);
            if (i % 20 == 0) {
                continue; // every 20th line is removed (50 lines)
            }
            after.add(i % 10 == 5 ? line(key, i, "2", "200.00") : line); // 100 changed
        }
        for (int i = 0; after.size() < LINES; i++) {
            after.add(line(LINES + i, LINES + i, "1", "50.00")); // 50 added, so both bills have 1,000 lines
        }
        from = bill("BENCH-202510", 10, before);
        to = bill("BENCH-202511", 11, after);
    }

    /** The pure comparison: match 1,000 lines with 1,000, compute every change, sort the three lists. */
    @Benchmark
    public BillComparison compare() {
        return BillComparison.of(from, to);
    }

    /** The comparison and its JSON, as the route sends it. */
    @Benchmark
    public byte[] compareAndWrite() {
        return Json.write(BillComparisonView.of(BillComparison.of(from, to)));
    }

    /** Line {@code position} under key {@code key}: its type and name follow from the key alone. */
    private static LineItem line(int key, int position, String quantity, String amount) {
        return new LineItem(LineType.values()[key % LineType.values().length], "Item " + key, "Line " + position,
                new BigDecimal(quantity), new BigDecimal("100"), Money.of(amount));
    }

    private static Snapshot bill(String invoice, int month, List<LineItem> lines) {
        Money total = lines.stream().map(LineItem::amount).reduce(Money.ZERO, Money::plus);
        return new Snapshot(new InvoiceNumber(invoice), new AccountNumber("BENCH"), "Bench Co",
                new BillingPeriod(2025, month), null, null, new Terms(null, null, null),
                new Charges(total, total, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO),
                new Usage(lines.size(), 0, BigDecimal.ZERO), "{}", "", lines, "service:bench", null, null);
    }
}
