package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.dbclient.DbRow;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job-store contract against real PostgreSQL, plus what only a database can get wrong. */
class PostgresJobStoreIT extends JobStoreContract {
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = PostgresDatabase.connect(TestPostgres.newDatabase(PostgresJobStoreIT.class));
        database.migrate();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected JobStore newStore() {
        database.dbClient().execute().dml("TRUNCATE snapshot_job_companies, snapshot_jobs");
        return database.jobStore();
    }

    @Test
    void aThousandProgressUpdates_appendOutcomes_andNeverRewriteThoseStored() {
        int companies = 1_000;
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.SCHEDULED, OCTOBER, companies, "scheduler",
                NOW);
        store.create(job);
        job = job.recordSuccess(account("800000"), "First", null, 1);
        store.update(job);
        String firstRowVersion = rowVersion(job.id(), 0);

        for (int i = 1; i < companies; i++) {
            job = i % 10 == 0
                    ? job.recordFailure(account(Integer.toString(800_000 + i)), null, "HTTP 503", 3)
                    : job.recordSuccess(account(Integer.toString(800_000 + i)), "Company " + i, "HTTP 201", 1);
            store.update(job);
        }
        job = job.finish(NOW.plusSeconds(3_600));
        store.update(job);

        assertEquals(job, store.find(job.id()).orElseThrow());
        assertEquals(JobStatus.PARTIAL, job.status());
        // An outcome row rewritten (deleted and inserted, or updated) would carry a newer transaction id.
        assertEquals(firstRowVersion, rowVersion(job.id(), 0), "the first outcome was written once");
        assertEquals(companies, Rows.longValue(database.dbClient().execute().get(
                "SELECT count(*) AS n FROM snapshot_job_companies WHERE job_id = CAST(? AS uuid)",
                job.id().toString()).orElseThrow(), "n"));
    }

    @Test
    void aJobCreatedWithManyOutcomes_isStoredInChunks_andInOrder() {
        int companies = 2_500;
        SnapshotJob job = SnapshotJob.start(UUID.randomUUID(), JobType.RETRY, OCTOBER, companies, "user:ops", NOW);
        for (int i = 0; i < companies; i++) {
            job = job.recordSuccess(account(Integer.toString(900_000 + i)), null, null, 1);
        }
        assertTrue(store.create(job));
        assertEquals(job, store.find(job.id()).orElseThrow());
    }

    @Test
    void theStoreListsAndFindsRunningJobsThroughItsIndexes() {
        assertTrue(plan(JobSql.RUNNING).contains("ix_snapshot_jobs_running"), plan(JobSql.RUNNING));
        String page = plan(JobSql.NEWEST_FIRST.replace("LIMIT ? OFFSET ?", "LIMIT 50 OFFSET 0"));
        assertTrue(page.contains("ix_snapshot_jobs_started_at"), page);
    }

    @Test
    void migrationsAreIdempotent() {
        assertEquals(0, database.migrate());
    }

    private static String rowVersion(UUID job, int position) {
        return Rows.text(database.dbClient().execute().get(
                "SELECT xmin::text AS v FROM snapshot_job_companies WHERE job_id = CAST(? AS uuid) AND position = ?",
                job.toString(), position).orElseThrow(), "v");
    }

    /** The plan with sequential scans ruled out, so an empty table still shows which index serves the query. */
    private static String plan(String sql) {
        var tx = database.dbClient().transaction();
        try {
            tx.dml("SET LOCAL enable_seqscan = off");
            try (Stream<DbRow> rows = tx.query("EXPLAIN " + sql)) {
                return String.join("\n", rows.map(r -> Rows.text(r, "QUERY PLAN")).toList());
            }
        } finally {
            tx.rollback();
        }
    }
}
