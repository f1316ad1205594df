package io.hivematrix.archive.adapter.postgres;

/**
 * Every SQL statement of the job store; values only ever travel as {@code ?} parameters.
 * UUIDs travel as text and are cast here: the DbClient binds a {@link java.util.UUID} as a varchar.
 */
final class JobSql {
    private JobSql() {
    }

    /**
     * Names the partial unique index on scheduled jobs as the only arbiter: a second scheduled job for a
     * period inserts nothing (after waiting for a racing insert to commit), while a repeated id still fails.
     */
    static final String INSERT_JOB = """
            INSERT INTO snapshot_jobs (
                id, job_type, status, target_year, target_month, total_companies, completed_companies,
                success_count, failed_count, started_at, completed_at, triggered_by, error)
            VALUES (CAST(? AS uuid), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (target_year, target_month) WHERE job_type = 'scheduled' AND status <> 'failed' DO NOTHING
            """;

    /** Also locks the job's row, so updates of one job take turns and agree on the outcomes stored. */
    static final String UPDATE_JOB = """
            UPDATE snapshot_jobs
               SET status = ?, total_companies = ?, completed_companies = ?, success_count = ?, failed_count = ?,
                   completed_at = ?, error = ?, updated_at = now()
             WHERE id = CAST(? AS uuid)
            """;

    /** How many outcomes are stored: one step down the primary key (job_id, position). */
    static final String STORED_OUTCOMES = """
            SELECT coalesce(max(position) + 1, 0) AS stored
              FROM snapshot_job_companies
             WHERE job_id = CAST(? AS uuid)
            """;

    static final String INSERT_OUTCOMES = "INSERT INTO snapshot_job_companies "
            + "(job_id, position, account_number, company_name, success, detail, attempts, http_status, invoice_number,"
            + " started_at, finished_at) VALUES ";

    /** Typed casts, so that a NULL status or time binds the same in every row of a multi-row insert. */
    static final String OUTCOME_VALUES = "(CAST(? AS uuid), ?, ?, ?, ?, ?, ?, CAST(? AS integer), ?,"
            + " CAST(? AS timestamptz), CAST(? AS timestamptz))";

    static final String SELECT_JOB = """
            SELECT id, job_type, status, target_year, target_month, total_companies, completed_companies,
                   success_count, failed_count, started_at, completed_at, triggered_by, error
              FROM snapshot_jobs
            """;

    static final String BY_ID = SELECT_JOB + " WHERE id = CAST(? AS uuid)";

    /** Walks ix_snapshot_jobs_started_at (started_at DESC, id); id breaks ties so pages never overlap. */
    static final String NEWEST_FIRST = SELECT_JOB + " ORDER BY started_at DESC, id LIMIT ? OFFSET ?";

    /** Served by the partial index ix_snapshot_jobs_running; oldest first. */
    static final String RUNNING = SELECT_JOB + " WHERE status = 'running' ORDER BY started_at, id";

    /** Running jobs whose last progress is older than the given time: abandoned by a stopped instance. */
    static final String STALE = SELECT_JOB + " WHERE status = 'running' AND updated_at < ? ORDER BY started_at, id";

    /** A job and its outcomes are read from one snapshot of the database. */
    static final String CONSISTENT_READ = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    static final String SELECT_OUTCOMES = """
            SELECT account_number, company_name, success, detail, attempts, http_status, invoice_number,
                   started_at, finished_at
              FROM snapshot_job_companies
             WHERE job_id = CAST(? AS uuid)
             ORDER BY position
            """;
}
