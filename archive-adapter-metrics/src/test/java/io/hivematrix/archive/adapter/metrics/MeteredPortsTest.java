package io.hivematrix.archive.adapter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.testkit.FakeLedger;
import io.hivematrix.archive.testkit.InMemoryJobStore;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each decorator records what its port did, as the Prometheus scrape shows it, and passes results through. */
class MeteredPortsTest {
    private final ArchiveMeters meters = new ArchiveMeters();
    private static final BillingPeriod OCTOBER = BillingPeriod.of(YearMonth.of(2025, 10));

    @AfterEach
    void close() {
        meters.close();
    }

    @Test
    void requests_areCountedAndTimedByMethodRouteAndStatus() {
        meters.request("GET", "/api/snapshot/{invoice_number}", 200, 2_000_000);
        meters.request("GET", "/api/snapshot/{invoice_number}", 200, 3_000_000);
        meters.request("POST", "/api/snapshot", 409, 1_000_000);
        assertEquals(2.0, sample("archive_http_requests_seconds_count",
                "method=\"GET\",route=\"/api/snapshot/{invoice_number}\",status=\"200\""));
        assertEquals(0.005, sample("archive_http_requests_seconds_sum",
                "method=\"GET\",route=\"/api/snapshot/{invoice_number}\",status=\"200\""), 1e-9);
        assertEquals(1.0, sample("archive_http_requests_seconds_count", "method=\"POST\",route=\"/api/snapshot\",status=\"409\""));
        // Histogram buckets, so a dashboard can take p95/p99 across instances.
        assertEquals(2.0, sample("archive_http_requests_seconds_bucket",
                "method=\"GET\",route=\"/api/snapshot/{invoice_number}\",status=\"200\",le=\"0.005\""));
    }

    @Test
    void createOutcomes_areCountedByKind() {
        List<CreateSnapshotResult> answers = new java.util.ArrayList<>(List.of(
                new CreateSnapshotResult.Invalid(List.of(new FieldError("total_amount", "must be a number"))),
                new CreateSnapshotResult.KeyReused("k-1"),
                new CreateSnapshotResult.KeyReused("k-2")));
        MeteredCreateSnapshot create = new MeteredCreateSnapshot(command -> answers.removeFirst(), meters);
        assertTrue(create.create(null) instanceof CreateSnapshotResult.Invalid);
        create.create(null);
        create.create(null);
        assertEquals(1.0, sample("archive_snapshot_creates_total", "outcome=\"invalid\""));
        assertEquals(2.0, sample("archive_snapshot_creates_total", "outcome=\"key_reused\""));
        assertEquals(0.0, sample("archive_snapshot_creates_total", "outcome=\"created\""));
    }

    @Test
    void ledgerCalls_areTimedByOutcome() {
        FakeLedger fake = new FakeLedger(null, 0).script("620547", new AcceptOutcome.Failed(503, "busy", true));
        MeteredLedgerGateway ledger = new MeteredLedgerGateway(fake, meters);
        assertTrue(ledger.acceptBill(new AccountNumber("620547"), OCTOBER, null) instanceof AcceptOutcome.Failed);
        assertTrue(ledger.acceptBill(new AccountNumber("620547"), OCTOBER, null) instanceof AcceptOutcome.Archived);
        assertEquals(1.0, sample("archive_ledger_calls_seconds_count", "outcome=\"failed_retryable\""));
        assertEquals(1.0, sample("archive_ledger_calls_seconds_count", "outcome=\"archived\""));
    }

    @Test
    void jobs_countEachCompanyOutcomeOnce_andTheRunWhenItEnds() {
        InMemoryJobStore store = new InMemoryJobStore();
        MeteredJobStore jobs = new MeteredJobStore(store, meters);
        Instant now = Instant.parse("2025-11-01T02:00:00Z");
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.BULK, OCTOBER, 3, "admin", now);
        assertTrue(jobs.create(job));
        job = job.recordSuccess(new AccountNumber("C01"), "Company 01", "archived", 1);
        jobs.update(job, 0);
        job = job.recordFailure(new AccountNumber("C02"), "Company 02", "HTTP 500", 4);
        jobs.update(job, 1);
        jobs.update(job, 2); // the same state written again adds nothing
        assertEquals(1.0, sample("archive_job_company_outcomes_total", "outcome=\"succeeded\""));
        assertEquals(1.0, sample("archive_job_company_outcomes_total", "outcome=\"failed\""));
        job = job.recordSuccess(new AccountNumber("C03"), "Company 03", "archived", 1).finish(now.plusSeconds(5));
        jobs.update(job, 2);
        jobs.update(job, 3);
        assertEquals(2.0, sample("archive_job_company_outcomes_total", "outcome=\"succeeded\""));
        assertEquals(1.0, sample("archive_job_runs_total", "status=\"partial\",type=\"bulk\""));
        assertEquals(1.0, sample("archive_job_starts_total", "type=\"bulk\""));
        assertEquals(job, store.find(job.id()).orElseThrow(), "the store got every write");
    }

    @Test
    void gauges_areReadAtEachScrape() {
        double[] value = {3};
        meters.gauge("archive.db.pool.active", "connections in use", "connections", () -> value[0]);
        assertEquals(3.0, sample("archive_db_pool_active_connections", ""));
        value[0] = 5;
        assertEquals(5.0, sample("archive_db_pool_active_connections", ""));
    }

    /** The value of one sample in the scrape, or 0 when the series is absent. */
    private double sample(String name, String labels) {
        String scrape = meters.scrape();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + (labels.isEmpty() ? "" : Pattern.quote("{" + labels + "}"))
                + " (\\S+)$").matcher(scrape);
        if (!m.find()) {
            assertTrue(!scrape.contains(name + "{" + labels), scrape);
            return 0;
        }
        return Double.parseDouble(m.group(1));
    }
}
