package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import io.hivematrix.archive.application.port.out.AuditLog;
import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.BillingPeriod;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@link AuditLog} on PostgreSQL. Sealing holds a transaction-scoped advisory lock, so one sealer at a
 * time appends across every instance, and a crash mid-batch rolls the whole batch back.
 */
public final class PostgresAuditLog implements AuditLog {
    private static final int FETCH_SIZE = 500;
    /** Records read ahead of the check: two fetches' worth, a few megabytes at most. */
    private static final int READ_AHEAD = 2 * FETCH_SIZE;

    private final DbClient db;
    private final HotPathJdbc jdbc;

    PostgresAuditLog(DbClient db, HotPathJdbc jdbc) {
        this.db = db;
        this.jdbc = jdbc;
    }

    @Override
    public int sealPending(int maxBatch, Instant sealedAt) {
        DbTransaction tx = db.transaction();
        try {
            boolean locked = tx.get(AuditSql.TRY_LOCK, AuditSql.SEALER_LOCK)
                    .map(row -> (Boolean) Rows.value(row, "locked")).orElse(false);
            if (!locked) {
                tx.rollback();
                return -1;
            }
            Optional<AuditLink> last = tx.get(AuditSql.LAST_LINK).map(PostgresAuditLog::link);
            TreeAppend tree = TreeAppend.open(tx);
            long sealedSeq = last.map(AuditLink::seq).orElse(0L);
            if (tree.size() < sealedSeq) {
                int caughtUp = catchUp(tx, tree, maxBatch);
                tx.commit();
                return caughtUp;
            }
            // The owner's function writes the links from the stored rows: this role may not write the chain itself.
            List<AuditLink> links;
            try (Stream<DbRow> rows = tx.query(AuditSql.SEAL, maxBatch, OffsetDateTime.ofInstant(sealedAt, ZoneOffset.UTC))) {
                links = rows.map(PostgresAuditLog::link).toList();
            }
            if (!links.isEmpty()) {
                links.forEach(tree::append);
                tree.write();
            }
            tx.commit();
            return links.size();
        } catch (RuntimeException e) {
            throw Transactions.rollbackAfter(tx, e);
        }
    }

    /**
     * Appends up to {@code maxBatch} links sealed before the transparency log existed (a chain older than migration
     * V11) to the log, oldest first; sealing new snapshots waits until the log has caught up with the chain.
     */
    private static int catchUp(DbTransaction tx, TreeAppend tree, int maxBatch) {
        int appended = 0;
        try (Stream<DbRow> rows = tx.query(TreeSql.LINKS_FROM, tree.size(), maxBatch)) {
            for (DbRow row : (Iterable<DbRow>) rows::iterator) {
                tree.append(link(row));
                appended++;
            }
        }
        tree.write();
        return appended;
    }

    @Override
    public AuditHead head() {
        DbRow row = db.execute().get(AuditSql.HEAD).orElseThrow();
        boolean sealed = Rows.value(row, "seq") != null;
        return new AuditHead(sealed ? link(row) : null, sealed ? Rows.instant(Rows.value(row, "sealed_at")) : null,
                Rows.longValue(row, "snapshots"), Rows.longValue(row, "pending"));
    }

    @Override
    public void readChain(Consumer<ChainedRecord> sink) {
        // The rows are fetched and decoded on a thread of their own while the caller checks the earlier ones.
        ReadAhead.run("archive-chain-reader", READ_AHEAD, this::streamChain, sink,
                e -> HotPathJdbc.failure("reading the audit chain failed", e));
    }

    /**
     * Plain JDBC through {@link HotPathJdbc}: a walk reads every archived bill, so the rows must stream, and DbClient
     * can set no fetch size (the same reason as {@link SummaryQueries}' export).
     */
    private void streamChain(Consumer<ChainedRecord> out) {
        // The driver streams with a fetch size only inside a transaction; read only, so it ends in a rollback.
        jdbc.inTransaction("reading the audit chain failed", connection -> {
            try (PreparedStatement statement = HotPathJdbc.prepare(connection, AuditSql.CHAIN_WITH_RECORDS,
                    List.of())) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.accept(AuditChainRows.record(rows));
                    }
                }
            }
            return null;
        }, nothing -> false);
    }

    @Override
    public long countUnaccounted() {
        return db.execute().get(AuditSql.UNACCOUNTED).map(row -> Rows.longValue(row, "n")).orElse(0L);
    }

    @Override
    public Optional<TotalsDrift> firstTotalsDrift() {
        return db.execute().get(PeriodTotalsSql.FIRST_DRIFT).map(row -> new TotalsDrift(
                new BillingPeriod(Rows.integer(row, "billing_year"), Rows.integer(row, "billing_month")),
                Rows.text(row, "expected"), Rows.text(row, "found")));
    }

    private static AuditLink link(DbRow row) {
        return AuditChainRows.link(Columns.of(row));
    }
}
