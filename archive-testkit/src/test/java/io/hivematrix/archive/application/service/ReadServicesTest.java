package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.InMemoryJobStore;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.application.port.in.ReadSnapshots.InvoiceCsv;
import io.hivematrix.archive.application.port.in.ReadSnapshots.Totals;
import io.hivematrix.archive.application.port.in.ReadSnapshots.CompanyHistory;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.domain.Usage;
import io.hivematrix.archive.domain.Charges;
import io.hivematrix.archive.domain.Terms;
import io.hivematrix.archive.domain.SnapshotFilter;
import io.hivematrix.archive.domain.SnapshotJob;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The read-only use cases: a company's history, the archive's totals, the export, the CSV and the job list. */
class ReadServicesTest {
    private static final Instant NOW = Instant.parse("2025-11-01T02:00:00Z");
    private static final AccountNumber ACME = new AccountNumber("620547");

    private final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();

    /** The sample bill under another company name (companies get renamed between months). */
    private static Snapshot named(Snapshot s, String companyName) {
        return new Snapshot(s.invoiceNumber(), s.accountNumber(), companyName, s.period(), s.invoiceDate(), s.dueDate(),
                new Terms(s.terms().billingPlan(), s.terms().contractTerm(), s.terms().supportLevel()),
                new Charges(s.charges().total(), s.charges().userCharges(), s.charges().assetCharges(),
                        s.charges().backupCharges(), s.charges().ticketCharges(), s.charges().lineItemCharges()),
                new Usage(s.usage().userCount(), s.usage().assetCount(), s.usage().billableHours()),
                s.billingData(), s.invoiceCsv(), s.lineItems(), s.createdBy(), s.notes(), s.submittedBy());
    }

    private void archive(String account, int month, String companyName) {
        snapshots.save(named(SampleSnapshots.bill(account, 2025, month), companyName), ReceivedBody.of("{\"m\":" + month + "}"),
                NOW.plusSeconds(month), null);
    }

    @Test
    void aCompanysHistory_isNewestPeriodFirst_namedAsOnItsNewestBill() {
        archive("620547", 8, "Acme Widgets");
        archive("620547", 10, "Acme Widgets GmbH");
        archive("620547", 9, "Acme Widgets");
        archive("777", 10, "Other Co");

        CompanyHistory first = new ReadSnapshotsService(snapshots, snapshots).history(ACME, 2, 0);
        assertEquals("Acme Widgets GmbH", first.companyName());
        assertEquals(3, first.total());
        assertEquals(List.of(new BillingPeriod(2025, 10), new BillingPeriod(2025, 9)),
                first.snapshots().stream().map(SnapshotSummary::period).toList());

        CompanyHistory second = new ReadSnapshotsService(snapshots, snapshots).history(ACME, 2, 2);
        assertEquals("Acme Widgets GmbH", second.companyName(), "a later page still names the newest bill's company");
        assertEquals(3, second.total());
        assertEquals(List.of(new BillingPeriod(2025, 8)),
                second.snapshots().stream().map(SnapshotSummary::period).toList());
    }

    @Test
    void aCompanyWithoutBills_hasNoNameAndNoneInTotal() {
        archive("777", 10, "Other Co");
        CompanyHistory none = new ReadSnapshotsService(snapshots, snapshots).history(ACME, 10, 0);
        assertNull(none.companyName());
        assertEquals(0, none.total());
        assertTrue(none.snapshots().isEmpty());
        assertNull(new ReadSnapshotsService(snapshots, snapshots).history(ACME, 10, 5).companyName());
    }

    @Test
    void historyPages_haveTheBoundsOfEveryList() {
        ReadSnapshotsService history = new ReadSnapshotsService(snapshots, snapshots);
        assertEquals("limit must be between 1 and 1000",
                assertThrows(IllegalArgumentException.class, () -> history.history(ACME, 0, 0)).getMessage());
        assertEquals("limit must be between 1 and 1000",
                assertThrows(IllegalArgumentException.class, () -> history.history(ACME, 1001, 0)).getMessage());
        assertEquals("offset must not be negative",
                assertThrows(IllegalArgumentException.class, () -> history.history(ACME, 10, -1)).getMessage());
        assertEquals(0, history.history(ACME, 1000, 0).total());
    }

    @Test
    void totals_countBillsAndDistinctCompanies_alsoThroughAStoreThatOnlyExports() {
        archive("620547", 9, "Acme");
        archive("620547", 10, "Acme");
        archive("777", 10, "Other Co");
        assertEquals(new Totals(3, 2), new ReadSnapshotsService(snapshots, snapshots).totals());
        // A store without its own company count gets the port's default, which counts while exporting.
        assertEquals(new Totals(3, 2), readerOf(new DelegatingStore(snapshots)).totals());
    }

    @Test
    void theExport_handsEveryMatchingBillToTheSink_newestFirst() {
        archive("620547", 9, "Acme");
        archive("620547", 10, "Acme");
        archive("777", 10, "Other Co");
        List<String> seen = new ArrayList<>();
        new SearchSnapshotsService(snapshots).export(
                new SnapshotFilter(ACME, null, null, null, null, null, null, null, null, null),
                s -> seen.add(s.invoiceNumber().value()));
        assertEquals(List.of("620547-202510", "620547-202509"), seen);
    }

    @Test
    void anInvoicesCsv_isServedAsArchived_withWhatNamesTheFile() {
        archive("620547", 10, "Acme Widgets");
        InvoiceCsv csv = new ReadSnapshotsService(snapshots, snapshots).csv("620547-202510").orElseThrow();
        assertEquals("Acme Widgets", csv.companyName());
        assertEquals(new BillingPeriod(2025, 10), csv.period());
        assertEquals("InvoiceNo,Customer,Amount\r\n620547-202510,\"Acme Corp\",400.00\r\n", csv.csv());
        assertEquals(snapshots.findByInvoiceNumber(new io.hivematrix.archive.domain.InvoiceNumber("620547-202510"))
                .orElseThrow().contentSha256(), csv.contentSha256());
        assertEquals(Optional.empty(), new ReadSnapshotsService(snapshots, snapshots).csv("620547-202509"));
        assertEquals(Optional.empty(), new ReadSnapshotsService(snapshots, snapshots).csv("not a number!"));
    }

    @Test
    void jobs_areListedNewestFirst_andFoundById() {
        InMemoryJobStore jobs = new InMemoryJobStore();
        SnapshotJob older = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, new BillingPeriod(2025, 9), 1,
                "admin", NOW);
        SnapshotJob newer = SnapshotJob.start(UUID.randomUUID(), JobType.MANUAL, new BillingPeriod(2025, 10), 1,
                "admin", NOW.plusSeconds(60));
        jobs.create(older);
        jobs.create(newer);
        ListJobsService list = new ListJobsService(jobs);

        assertEquals(List.of(newer.id(), older.id()), list.list(10, 0).stream().map(SnapshotJob::id).toList());
        assertEquals(List.of(newer.id()), list.list(1, 0).stream().map(SnapshotJob::id).toList());
        assertEquals(List.of(older.id()), list.list(10, 1).stream().map(SnapshotJob::id).toList());
        assertEquals(older.id(), list.find(older.id()).orElseThrow().id());
        assertEquals(Optional.empty(), list.find(UUID.randomUUID()));
        assertEquals("limit must be between 1 and 1000",
                assertThrows(IllegalArgumentException.class, () -> list.list(0, 0)).getMessage());
    }

    private static ReadSnapshotsService readerOf(DelegatingStore store) {
        return new ReadSnapshotsService(store, store);
    }
}
