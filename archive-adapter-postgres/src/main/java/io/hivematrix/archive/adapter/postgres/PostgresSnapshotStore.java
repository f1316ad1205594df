package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LineItem;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link SnapshotStore} on PostgreSQL: a snapshot and its line items in one transaction, uniqueness by constraint. */
public final class PostgresSnapshotStore implements SnapshotStore {
    /** Line items per INSERT statement: 7 parameters each stays far below PostgreSQL's 65,535. */
    private static final int LINE_ITEM_CHUNK = 1_000;

    private static final String INSERT_SNAPSHOT = """
            INSERT INTO billing_snapshots (
                company_account_number, company_name, invoice_number, billing_year, billing_month,
                invoice_date, due_date, archived_at, billing_plan, contract_term, support_level,
                total_amount, total_user_charges, total_asset_charges, total_backup_charges,
                total_ticket_charges, total_line_item_charges, user_count, asset_count, billable_hours,
                billing_data_text, invoice_csv, received_body, content_sha256, created_by, notes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            RETURNING id, archived_at
            """;

    private static final String SELECT_SNAPSHOT = """
            SELECT id, company_account_number, company_name, invoice_number, billing_year, billing_month,
                   invoice_date, due_date, archived_at, billing_plan, contract_term, support_level,
                   total_amount, total_user_charges, total_asset_charges, total_backup_charges,
                   total_ticket_charges, total_line_item_charges, user_count, asset_count, billable_hours,
                   billing_data_text, invoice_csv, content_sha256, created_by, notes
              FROM billing_snapshots
            """;

    private static final String SELECT_LINE_ITEMS = """
            SELECT snapshot_id, line_type, item_name, description, quantity, rate, amount
              FROM snapshot_line_items
            """;

    private final DbClient db;

    PostgresSnapshotStore(DbClient db) {
        this.db = db;
    }

    @Override
    public SaveResult save(Snapshot s, String receivedBody, Instant archivedAt) {
        DbTransaction tx = db.transaction();
        try {
            // ON CONFLICT DO NOTHING waits for a racing insert of the same keys to commit and then
            // inserts nothing: the loser sees no row and reads the winner, without an aborted transaction.
            Optional<DbRow> inserted = tx.get(INSERT_SNAPSHOT,
                    s.accountNumber().value(), s.companyName(), s.invoiceNumber().value(), s.period().year(),
                    s.period().month(), s.invoiceDate(), s.dueDate(), OffsetDateTime.ofInstant(archivedAt, ZoneOffset.UTC),
                    s.billingPlan(), s.contractTerm(), s.supportLevel(), s.totalAmount().amount(),
                    s.totalUserCharges().amount(), s.totalAssetCharges().amount(), s.totalBackupCharges().amount(),
                    s.totalTicketCharges().amount(), s.totalLineItemCharges().amount(), s.userCount(), s.assetCount(),
                    s.billableHours(), s.billingData(), s.invoiceCsv(), receivedBody, s.contentSha256(),
                    s.createdBy(), s.notes());
            if (inserted.isEmpty()) {
                ArchivedSnapshot existing = findClash(tx, s)
                        .orElseThrow(() -> new IllegalStateException("insert conflicted but no clashing snapshot found"));
                tx.rollback();
                return new SaveResult.AlreadyArchived(existing);
            }
            long id = Rows.longValue(inserted.get(), "id");
            insertLineItems(tx, id, s.lineItems());
            tx.commit();
            return new SaveResult.Saved(new ArchivedSnapshot(id, Rows.instant(inserted.get().column("archived_at").get()),
                    s.contentSha256(), s));
        } catch (RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    private Optional<ArchivedSnapshot> findClash(DbExecute exec, Snapshot s) {
        return findOne(exec, "WHERE invoice_number = ?", s.invoiceNumber().value())
                .or(() -> findOne(exec, "WHERE company_account_number = ? AND billing_year = ? AND billing_month = ?",
                        s.accountNumber().value(), s.period().year(), s.period().month()));
    }

    private static void insertLineItems(DbExecute exec, long snapshotId, List<LineItem> items) {
        for (int from = 0; from < items.size(); from += LINE_ITEM_CHUNK) {
            int to = Math.min(items.size(), from + LINE_ITEM_CHUNK);
            StringBuilder sql = new StringBuilder("INSERT INTO snapshot_line_items "
                    + "(snapshot_id, position, line_type, item_name, description, quantity, rate, amount) VALUES ");
            List<Object> params = new ArrayList<>((to - from) * 8);
            for (int i = from; i < to; i++) {
                LineItem item = items.get(i);
                sql.append(i == from ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
                params.add(snapshotId);
                params.add(i);
                params.add(item.lineType().code());
                params.add(item.itemName());
                params.add(item.description());
                params.add(item.quantity());
                params.add(item.rate());
                params.add(item.amount().amount());
            }
            exec.createInsert(sql.toString()).params(params).execute();
        }
    }

    @Override
    public Optional<ArchivedSnapshot> findByInvoiceNumber(InvoiceNumber invoiceNumber) {
        return findOne(db.execute(), "WHERE invoice_number = ?", invoiceNumber.value());
    }

    @Override
    public Optional<ArchivedSnapshot> findByAccountAndPeriod(AccountNumber account, BillingPeriod period) {
        return findOne(db.execute(), "WHERE company_account_number = ? AND billing_year = ? AND billing_month = ?",
                account.value(), period.year(), period.month());
    }

    @Override
    public List<ArchivedSnapshot> findByAccount(AccountNumber account) {
        DbExecute exec = db.execute();
        Map<Long, DbRowSnapshot> byId = new LinkedHashMap<>();
        try (Stream<DbRow> rows = exec.query(SELECT_SNAPSHOT
                + "WHERE company_account_number = ? ORDER BY billing_year DESC, billing_month DESC, id DESC",
                account.value())) {
            rows.forEach(row -> byId.put(Rows.longValue(row, "id"), DbRowSnapshot.read(row)));
        }
        if (byId.isEmpty()) {
            return List.of();
        }
        Map<Long, List<LineItem>> items = new LinkedHashMap<>();
        try (Stream<DbRow> rows = exec.query(SELECT_LINE_ITEMS
                + "WHERE snapshot_id IN (SELECT id FROM billing_snapshots WHERE company_account_number = ?) "
                + "ORDER BY snapshot_id, position", account.value())) {
            rows.forEach(row -> items.computeIfAbsent(Rows.longValue(row, "snapshot_id"), k -> new ArrayList<>())
                    .add(Rows.lineItem(row)));
        }
        return byId.entrySet().stream()
                .map(e -> e.getValue().withLineItems(items.getOrDefault(e.getKey(), List.of())))
                .toList();
    }

    private static Optional<ArchivedSnapshot> findOne(DbExecute exec, String where, Object... params) {
        Optional<DbRowSnapshot> head = exec.get(SELECT_SNAPSHOT + where, params).map(DbRowSnapshot::read);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<LineItem> items;
        try (Stream<DbRow> rows = exec.query(SELECT_LINE_ITEMS + "WHERE snapshot_id = ? ORDER BY position",
                head.get().id())) {
            items = rows.map(Rows::lineItem).toList();
        }
        return Optional.of(head.get().withLineItems(items));
    }
}
