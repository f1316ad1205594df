package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.CompanyOutcome;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@link JobStore} on PostgreSQL: the job's row in {@code snapshot_jobs}, its outcomes in
 * {@code snapshot_job_companies} by recording position. A progress update writes the row and only the
 * outcomes not stored yet, in one transaction, so updating after every one of 1,000 companies stays cheap;
 * a writer that says how many are stored spares even the look-up of that.
 */
public final class PostgresJobStore implements JobStore {
    /** Outcomes per INSERT statement: 11 parameters each stays far below PostgreSQL's 65,535. */
    private static final int OUTCOME_CHUNK = 1_000;

    private final DbClient db;

    PostgresJobStore(DbClient db) {
        this.db = db;
    }

    @Override
    public boolean create(SnapshotJob job) {
        Objects.requireNonNull(job, "job");
        DbTransaction tx = db.transaction();
        try {
            long inserted = tx.dml(JobSql.INSERT_JOB, job.id().toString(), job.type().code(), job.status().code(),
                    job.target().year(), job.target().month(), job.totalCompanies(), job.completedCompanies(),
                    job.successCount(), job.failedCount(), timestamp(job.startedAt()), timestamp(job.completedAt()),
                    job.triggeredBy(), job.error());
            if (inserted == 0) {
                tx.rollback();
                return false; // a scheduled job for this period exists already
            }
            insertOutcomes(tx, job.id(), job.outcomes(), 0);
            tx.commit();
            return true;
        } catch (RuntimeException e) {
            throw Transactions.rollbackAfter(tx, e);
        }
    }

    @Override
    public void update(SnapshotJob job) {
        write(job, null);
    }

    /** Spares the look-up of how many outcomes are stored; a count too low breaks the key and rolls back. */
    @Override
    public void update(SnapshotJob job, int storedOutcomes) {
        Objects.requireNonNull(job, "job");
        if (storedOutcomes < 0 || storedOutcomes > job.outcomes().size()) {
            throw new IllegalArgumentException("job " + job.id() + " has " + job.outcomes().size()
                    + " outcomes, so " + storedOutcomes + " of them cannot be stored");
        }
        write(job, storedOutcomes);
    }

    /** The job's row and the outcomes beyond {@code storedOutcomes} (looked up when null), in one transaction. */
    private void write(SnapshotJob job, Integer storedOutcomes) {
        Objects.requireNonNull(job, "job");
        DbTransaction tx = db.transaction();
        try {
            // The row first: its lock makes concurrent updates of this job wait, so they agree on what is stored.
            long updated = tx.dml(JobSql.UPDATE_JOB, job.status().code(), job.totalCompanies(),
                    job.completedCompanies(), job.successCount(), job.failedCount(), timestamp(job.completedAt()),
                    job.error(), job.id().toString());
            if (updated == 0) {
                throw new IllegalArgumentException("no job " + job.id() + " to update");
            }
            int stored = storedOutcomes != null ? storedOutcomes : tx.get(JobSql.STORED_OUTCOMES, job.id().toString())
                    .map(row -> Rows.integer(row, "stored")).orElse(0);
            if (stored > job.outcomes().size()) {
                throw new IllegalArgumentException("job " + job.id() + " already has " + stored
                        + " outcomes stored; outcomes only ever grow, this update has " + job.outcomes().size());
            }
            insertOutcomes(tx, job.id(), job.outcomes(), stored);
            tx.commit();
        } catch (RuntimeException e) {
            throw Transactions.rollbackAfter(tx, e);
        }
    }

    @Override
    public Optional<SnapshotJob> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return consistently(exec -> exec.get(JobSql.BY_ID, id.toString()).map(row -> job(row, outcomes(exec, id))));
    }

    /**
     * Reads a job and its outcomes from one snapshot of the database: a run updating them between the
     * two statements must not yield counts that disagree with the outcomes.
     */
    private <T> T consistently(java.util.function.Function<DbExecute, T> read) {
        DbTransaction tx = db.transaction();
        try {
            tx.dml(JobSql.CONSISTENT_READ);
            T result = read.apply(tx);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            Transactions.rollbackAfter(tx, e);
            throw e;
        }
    }

    @Override
    public List<SnapshotJob> list(int limit, int offset) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        try (Stream<DbRow> rows = db.execute().query(JobSql.NEWEST_FIRST, limit, offset)) {
            return rows.map(row -> job(row, List.of())).toList();
        }
    }

    /** Running jobs with their outcomes, oldest first: what resuming one needs to know. */
    @Override
    public List<SnapshotJob> running() {
        return withOutcomes(JobSql.RUNNING);
    }

    @Override
    public List<SnapshotJob> runningWithoutProgressSince(Instant since) {
        return withOutcomes(JobSql.STALE, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
    }

    private List<SnapshotJob> withOutcomes(String sql, Object... params) {
        return consistently(exec -> {
            List<DbRow> heads;
            try (Stream<DbRow> rows = exec.query(sql, params)) {
                heads = rows.toList();
            }
            List<SnapshotJob> jobs = new ArrayList<>(heads.size());
            for (DbRow row : heads) {
                jobs.add(job(row, outcomes(exec, uuid(Rows.value(row, "id")))));
            }
            return jobs;
        });
    }

    /** Appends {@code outcomes} from index {@code from} on, at their own positions. */
    private static void insertOutcomes(DbExecute exec, UUID jobId, List<CompanyOutcome> outcomes, int from) {
        for (int start = from; start < outcomes.size(); start += OUTCOME_CHUNK) {
            int end = Math.min(outcomes.size(), start + OUTCOME_CHUNK);
            StringBuilder sql = new StringBuilder(JobSql.INSERT_OUTCOMES);
            List<Object> params = new ArrayList<>((end - start) * 11);
            for (int i = start; i < end; i++) {
                CompanyOutcome o = outcomes.get(i);
                sql.append(i == start ? "" : ", ").append(JobSql.OUTCOME_VALUES);
                params.add(jobId.toString());
                params.add(i);
                params.add(o.account().value());
                params.add(o.companyName());
                params.add(o.success());
                params.add(o.detail());
                params.add(o.attempts());
                params.add(o.httpStatus());
                params.add(o.invoiceNumber());
                params.add(timestamp(o.startedAt()));
                params.add(timestamp(o.finishedAt()));
            }
            exec.createInsert(sql.toString()).params(params).execute();
        }
    }

    private static List<CompanyOutcome> outcomes(DbExecute exec, UUID jobId) {
        try (Stream<DbRow> rows = exec.query(JobSql.SELECT_OUTCOMES, jobId.toString())) {
            return rows.map(row -> new CompanyOutcome(new AccountNumber(Rows.text(row, "account_number")),
                    Rows.text(row, "company_name"), Rows.bool(row, "success"), Rows.text(row, "detail"),
                    Rows.integer(row, "attempts"), optionalInteger(Rows.value(row, "http_status")),
                    Rows.text(row, "invoice_number"), optionalInstant(Rows.value(row, "started_at")),
                    optionalInstant(Rows.value(row, "finished_at")))).toList();
        }
    }

    private static SnapshotJob job(DbRow row, List<CompanyOutcome> outcomes) {
        Object completedAt = Rows.value(row, "completed_at");
        return new SnapshotJob(uuid(Rows.value(row, "id")), JobType.fromCode(Rows.text(row, "job_type")),
                JobStatus.fromCode(Rows.text(row, "status")),
                new BillingPeriod(Rows.integer(row, "target_year"), Rows.integer(row, "target_month")),
                Rows.integer(row, "total_companies"), Rows.integer(row, "completed_companies"),
                Rows.integer(row, "success_count"), Rows.integer(row, "failed_count"),
                Rows.instant(Rows.value(row, "started_at")), completedAt == null ? null : Rows.instant(completedAt),
                Rows.text(row, "triggered_by"), outcomes, Rows.text(row, "error"));
    }

    private static Integer optionalInteger(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static Instant optionalInstant(Object value) {
        return value == null ? null : Rows.instant(value);
    }

    private static UUID uuid(Object value) {
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
