package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.SignedCheckpoint;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link LogTree} on PostgreSQL: stored hashes in {@code tlog_hashes}, checkpoints in {@code tlog_checkpoints}; one
 * cutter at a time under a transaction-scoped advisory lock.
 */
public final class PostgresLogTree implements LogTree {
    private final DbClient db;

    PostgresLogTree(DbClient db) {
        this.db = db;
    }

    @Override
    public long size() {
        return StoredHashes.size(db.execute());
    }

    @Override
    public List<LogHash> read(long[] indexes) {
        return StoredHashes.read(db.execute(), indexes);
    }

    @Override
    public Optional<Leaf> leaf(InvoiceNumber invoice) {
        return db.execute().get(TreeSql.LEAF, invoice.value()).map(row -> new Leaf(
                new InvoiceNumber(Rows.text(row, "snapshot_invoice")),
                Rows.value(row, "seq") == null ? null : AuditChainRows.link(Columns.of(row))));
    }

    @Override
    public Optional<SignedCheckpoint> latestCheckpoint() {
        return latest(db.execute());
    }

    @Override
    public Optional<SignedCheckpoint> checkpoint(long treeSize) {
        return db.execute().get(TreeSql.CHECKPOINT_AT, treeSize).map(PostgresLogTree::checkpoint);
    }

    @Override
    public <T> Optional<T> asCutter(Function<Cutter, T> work) {
        DbTransaction tx = db.transaction();
        try {
            boolean locked = tx.get(TreeSql.TRY_LOCK, TreeSql.CUTTER_LOCK)
                    .map(row -> (Boolean) Rows.value(row, "locked")).orElse(false);
            if (!locked) {
                tx.rollback();
                return Optional.empty();
            }
            T result = work.apply(new TxCutter(tx));
            tx.commit();
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            throw Transactions.rollbackAfter(tx, e);
        }
    }

    private static Optional<SignedCheckpoint> latest(DbExecute execute) {
        return execute.get(TreeSql.LATEST_CHECKPOINT).map(PostgresLogTree::checkpoint);
    }

    private static SignedCheckpoint checkpoint(DbRow row) {
        String note = Rows.text(row, "note");
        // A signed note's text ends at its blank line; the checkpoint is that text.
        Checkpoint checkpoint = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
        return new SignedCheckpoint(checkpoint, note, Rows.instant(Rows.value(row, "cut_at")));
    }

    /** The cutter's view, inside its transaction. */
    private record TxCutter(DbTransaction tx) implements Cutter {
        @Override
        public long size() {
            return StoredHashes.size(tx);
        }

        @Override
        public List<LogHash> read(long[] indexes) {
            return StoredHashes.read(tx, indexes);
        }

        @Override
        public Optional<SignedCheckpoint> latest() {
            return PostgresLogTree.latest(tx);
        }

        @Override
        public void save(SignedCheckpoint c) {
            Cutter.requireAfter(latest(), c);
            tx.createInsert(TreeSql.INSERT_CHECKPOINT).params(c.checkpoint().size(), c.checkpoint().root().bytes(),
                    c.note(), OffsetDateTime.ofInstant(c.cutAt(), ZoneOffset.UTC)).execute();
        }
    }
}
