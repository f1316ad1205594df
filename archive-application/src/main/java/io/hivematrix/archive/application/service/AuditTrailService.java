package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.AuditTrail;
import io.hivematrix.archive.application.port.out.AuditLog;
import io.hivematrix.archive.application.port.out.AuditLog.ChainedRecord;
import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.domain.Checkpoint;
import java.util.List;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.Sha256;
import java.time.Clock;
import java.util.Objects;

/** Seals waiting snapshots into the chain and re-checks the chain end to end. */
public final class AuditTrailService implements AuditTrail {
    /** Large enough to catch up quickly, small enough that one transaction stays short. */
    static final int BATCH = 1_000;

    private final AuditLog log;
    private final LogTree tree;
    private final Clock clock;

    public AuditTrailService(AuditLog log, LogTree tree, Clock clock) {
        this.log = Objects.requireNonNull(log);
        this.tree = Objects.requireNonNull(tree);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public int sealPending() {
        int total = 0;
        int sealed;
        do {
            sealed = log.sealPending(BATCH, clock.instant());
            total += Math.max(0, sealed);
        } while (sealed == BATCH);
        return total;
    }

    @Override
    public AuditHead head() {
        return log.head();
    }

    @Override
    public Verification verify(List<Checkpoint> checkpoints) {
        AuditHead head = log.head();
        long logSize = tree.size();
        ChainCheck check = new ChainCheck(new LogCheck(tree, logSize, checkpoints));
        log.readChain(check);
        if (check.broken == null) {
            check.broken = check.log.finish(check.checked);
        }
        if (check.broken == null) {
            long unaccounted = log.countUnaccounted();
            if (unaccounted > 0) {
                check.broken = new Broken(check.checked, null, "snapshots that are neither sealed nor queued",
                        "0", Long.toString(unaccounted));
            }
        }
        if (check.broken == null) {
            // Derived data too: a report read from kept totals must say what the bills say.
            check.broken = log.firstTotalsDrift().map(drift -> new Broken(check.checked, null,
                    "monthly totals of " + drift.period() + " differ from its bills", drift.expected(),
                    drift.found())).orElse(null);
        }
        return new Verification(check.broken == null, check.checked, head, check.broken, check.log.matched());
    }

    /** Walks the links in order and remembers the first that fails. */
    private static final class ChainCheck implements java.util.function.Consumer<ChainedRecord> {
        private final LogCheck log;
        private String expectedPrev = AuditLink.GENESIS;
        private long expectedSeq = 1;
        private long checked;
        private Broken broken;

        ChainCheck(LogCheck log) {
            this.log = log;
        }

        @Override
        public void accept(ChainedRecord r) {
            if (broken != null) {
                return; // the first break is the one to report; later ones follow from it
            }
            broken = check(r);
            if (broken == null) {
                broken = log.add(r.link());
            }
            checked++;
            expectedPrev = r.link().entryHash();
            expectedSeq = r.link().seq() + 1;
        }

        private Broken check(ChainedRecord r) {
            AuditLink link = r.link();
            String invoice = link.invoiceNumber().value();
            if (link.seq() != expectedSeq) {
                return new Broken(link.seq(), invoice, "sequence gap", Long.toString(expectedSeq),
                        Long.toString(link.seq()));
            }
            if (!link.prevHash().equals(expectedPrev)) {
                return new Broken(link.seq(), invoice, "link to the previous entry", expectedPrev, link.prevHash());
            }
            if (!link.isSelfConsistent()) {
                return new Broken(link.seq(), invoice, "entry hash", AuditLink.next(link.prevHash(), link.seq(),
                        link.snapshotId(), link.invoiceNumber(), link.contentSha256(), link.recordSha256(),
                        link.archivedAt()).entryHash(), link.entryHash());
            }
            if (r.receivedBody() == null) {
                return new Broken(link.seq(), invoice, "snapshot row is missing", "snapshot " + link.snapshotId(),
                        "nothing");
            }
            String bodyHash = Sha256.hex(r.receivedBody());
            if (!bodyHash.equals(link.contentSha256())) {
                return new Broken(link.seq(), invoice, "received body", link.contentSha256(), bodyHash);
            }
            if (!link.contentSha256().equals(r.rowContentSha256())) {
                return new Broken(link.seq(), invoice, "content_sha256 column", link.contentSha256(),
                        r.rowContentSha256());
            }
            if (!link.archivedAt().equals(r.rowArchivedAt())) {
                return new Broken(link.seq(), invoice, "archived_at", link.archivedAt().toString(),
                        String.valueOf(r.rowArchivedAt()));
            }
            if (r.snapshot().isEmpty()) {
                return new Broken(link.seq(), invoice, "stored record is unreadable", link.recordSha256(),
                        r.unreadable());
            }
            String recordHash = r.snapshot().get().recordSha256();
            if (!recordHash.equals(link.recordSha256())) {
                return new Broken(link.seq(), invoice, "stored record (columns or line items)", link.recordSha256(),
                        recordHash);
            }
            if (!r.snapshot().get().invoiceNumber().equals(link.invoiceNumber())) {
                return new Broken(link.seq(), invoice, "invoice number", invoice,
                        r.snapshot().get().invoiceNumber().value());
            }
            return null;
        }
    }
}
