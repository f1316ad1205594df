package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.application.port.out.SnapshotArchive.SaveResult;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deterministic, varied bills for the large search tests: many accounts, periods over eight years,
 * company names in mixed case with {@code %}, {@code _}, {@code \} and non-ASCII letters, totals of
 * both signs with repeats on round values, and archive times over 400 days that hit day edges and tie.
 */
final class GeneratedBills {
    static final Instant FIRST_DAY = Instant.parse("2024-01-01T00:00:00Z");
    static final int DAYS = 400;
    private static final String[] COMPANIES = {
        "Acme Corp", "ACME Holdings", "acme-labs", "100% Pure Water", "100 Percent Ltd", "Under_Score GmbH",
        "UnderXScore AG", "Back\\slash Inc", "Ünïcode Straße", "ÜNÏCODE AG", "Zeta_% Partners", "Plain & Simple Co"};
    private static final String[] ROUND_TOTALS = {"0.00", "1000.00", "6000.00", "-20.00"};

    /** A bill ready to save, with the archive time to save it at. */
    record Planned(Snapshot snapshot, Instant archivedAt) {
    }

    private final Random random;
    private final List<Instant> usedTimes = new ArrayList<>();

    GeneratedBills(long seed) {
        this.random = new Random(seed);
    }

    /** {@code accounts × perAccount} bills with distinct periods per account; invoice numbers start with {@code prefix}. */
    List<Planned> plan(String prefix, int accounts, int perAccount) {
        List<BillingPeriod> periods = new ArrayList<>();
        for (BillingPeriod p = new BillingPeriod(2019, 1); p.year() <= 2026; p = p.next()) {
            periods.add(p);
        }
        List<Planned> out = new ArrayList<>(accounts * perAccount);
        for (int a = 0; a < accounts; a++) {
            String account = String.format("%s-%04d", prefix, a);
            Collections.shuffle(periods, random);
            for (BillingPeriod period : periods.subList(0, perAccount)) {
                out.add(next(account, period));
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    /** One more bill for {@code account}, e.g. one arriving while a test pages. */
    Planned next(String account, BillingPeriod period) {
        String company = COMPANIES[random.nextInt(COMPANIES.length)]
                + (random.nextInt(3) == 0 ? " " + account : "");
        Money total = random.nextInt(20) == 0 ? Money.of(ROUND_TOTALS[random.nextInt(ROUND_TOTALS.length)])
                : Money.of(String.format("%d.%02d", random.nextInt(-50, 10_000), random.nextInt(100)));
        String invoice = account + "-" + period.year() + String.format("%02d", period.month());
        return new Planned(Bills.bill(invoice, account, company, period, total), archiveTime());
    }

    private Instant archiveTime() {
        int kind = random.nextInt(20);
        Instant day = FIRST_DAY.plus(random.nextInt(DAYS), ChronoUnit.DAYS);
        Instant at = switch (kind) {
            case 0 -> day;                                                   // first microsecond of a UTC day
            case 1 -> day.plus(1, ChronoUnit.DAYS).minus(1, ChronoUnit.MICROS); // its last microsecond
            case 2, 3 -> usedTimes.isEmpty() ? day : usedTimes.get(random.nextInt(usedTimes.size())); // a tie
            default -> day.plus(random.nextLong(86_400_000_000L), ChronoUnit.MICROS);
        };
        usedTimes.add(at);
        return at;
    }

    /** Saves in parallel, as ingest does; returns what was stored, in id order. */
    static List<ArchivedSnapshot> saveAll(SnapshotStore store, List<Planned> bills, int threads) throws Exception {
        List<ArchivedSnapshot> saved = new ArrayList<>(bills.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<SaveResult>> results = bills.stream()
                    .map(b -> pool.submit(() -> store.save(b.snapshot(), ReceivedBody.of("{}"), b.archivedAt(), null)))
                    .toList();
            for (Future<SaveResult> result : results) {
                saved.add(((SaveResult.Saved) result.get()).snapshot());
            }
        }
        saved.sort((x, y) -> Long.compare(x.id(), y.id()));
        return saved;
    }
}
