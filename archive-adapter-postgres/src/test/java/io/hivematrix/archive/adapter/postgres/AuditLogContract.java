package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.application.port.out.AuditLog;
import io.hivematrix.archive.application.port.out.AuditLog.ChainedRecord;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do, run against the in-memory fake and PostgreSQL: saved snapshots wait, are
 * sealed oldest first in batches into one hash-linked chain, and are read back with the rows they name.
 */
abstract class AuditLogContract {
    private static final Instant SAVED = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant SEALED = Instant.parse("2026-12-01T00:01:00Z");

    /** The snapshot store the log seals from, and the log. */
    protected record Parts(SnapshotStore store, AuditLog log) {
    }

    protected abstract Parts newParts();

    /** New for each test, as JUnit makes a new instance for each: the first bill is number 1. */
    private final NumberedBills bills = new NumberedBills("A", SAVED::plusSeconds);
    private Parts parts;

    @BeforeEach
    void fresh() {
        parts = newParts();
    }

    private List<Snapshot> save(int count) {
        return bills.save(parts.store(), count);
    }

    private List<ChainedRecord> chain() {
        List<ChainedRecord> records = new ArrayList<>();
        parts.log().readChain(records::add);
        return records;
    }

    @Test
    void anEmptyLog_hasNoHeadNoChainAndNothingWaiting() {
        AuditHead head = parts.log().head();
        assertNull(head.last());
        assertNull(head.sealedAt());
        assertEquals(0, head.snapshots());
        assertEquals(0, head.pending());
        assertEquals(List.of(), chain());
        assertEquals(0, parts.log().sealPending(10, SEALED), "nothing to seal");
        assertEquals(0, parts.log().countUnaccounted());
    }

    @Test
    void savedSnapshots_waitToBeSealed() {
        save(3);

        AuditHead head = parts.log().head();
        assertNull(head.last());
        assertEquals(3, head.snapshots());
        assertEquals(3, head.pending());
        assertEquals(List.of(), chain());
        assertEquals(0, parts.log().countUnaccounted(), "waiting is accounted for");
    }

    @Test
    void sealing_takesTheOldestFirst_atMostABatch_untilNoneWait() {
        List<Snapshot> saved = save(5);

        assertEquals(2, parts.log().sealPending(2, SEALED));
        assertEquals(3, parts.log().head().pending());
        assertEquals(3, parts.log().sealPending(10, SEALED));
        assertEquals(0, parts.log().sealPending(10, SEALED));

        AuditHead head = parts.log().head();
        assertEquals(0, head.pending());
        assertEquals(5, head.snapshots());
        assertEquals(5, head.last().seq());
        assertEquals(saved.stream().map(Snapshot::invoiceNumber).toList(),
                chain().stream().map(r -> r.link().invoiceNumber()).toList(), "in the order they were saved");
    }

    @Test
    void theChain_linksEachEntryToTheOneBefore_fromGenesis() {
        save(4);
        parts.log().sealPending(10, SEALED);

        List<AuditLink> links = chain().stream().map(ChainedRecord::link).toList();
        String prev = AuditLink.GENESIS;
        for (int i = 0; i < links.size(); i++) {
            AuditLink link = links.get(i);
            assertEquals(i + 1L, link.seq());
            assertEquals(prev, link.prevHash());
            prev = link.entryHash();
        }
        assertEquals(links.getLast(), parts.log().head().last());
    }

    @Test
    void eachRecord_carriesTheStoredSnapshot_itsBody_andItsRowHash() {
        List<Snapshot> saved = save(2);
        parts.log().sealPending(10, SEALED);

        List<ChainedRecord> records = chain();
        assertEquals(2, records.size());
        for (int i = 0; i < records.size(); i++) {
            ChainedRecord r = records.get(i);
            assertEquals(saved.get(i), r.snapshot().orElseThrow());
            assertNull(r.unreadable());
            assertEquals("{\"n\": " + (i + 1) + "}", r.receivedBody());
            assertEquals(r.link().contentSha256(), r.rowContentSha256());
            assertEquals(new InvoiceNumber(String.format("INV-A%05d", i + 1)), r.link().invoiceNumber());
            assertTrue(r.link().snapshotId() > 0);
        }
    }
}
