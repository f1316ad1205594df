package io.hivematrix.archive.adapter.postgres;

/** Every SQL statement of the schedule store: the single row {@code id = 1} of {@code scheduled_snapshots}. */
final class ScheduleSql {
    private ScheduleSql() {
    }

    static final String SELECT_SCHEDULE = """
            SELECT enabled, day_of_month, hour, timezone, snapshot_previous_month, snapshot_all_companies,
                   last_run_at, last_run_status, last_run_count
              FROM scheduled_snapshots
             WHERE id = 1
            """;

    /** The row normally exists (V1 inserts it); recreating it if removed keeps the policy storable. */
    static final String SAVE_SCHEDULE = """
            INSERT INTO scheduled_snapshots (id, enabled, day_of_month, hour, timezone, snapshot_previous_month,
                                             snapshot_all_companies, updated_at)
            VALUES (1, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (id) DO UPDATE
               SET enabled = EXCLUDED.enabled, day_of_month = EXCLUDED.day_of_month, hour = EXCLUDED.hour,
                   timezone = EXCLUDED.timezone, snapshot_previous_month = EXCLUDED.snapshot_previous_month,
                   snapshot_all_companies = EXCLUDED.snapshot_all_companies, updated_at = EXCLUDED.updated_at
            """;

    static final String RECORD_RUN = """
            INSERT INTO scheduled_snapshots (id, last_run_at, last_run_status, last_run_count)
            VALUES (1, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE
               SET last_run_at = EXCLUDED.last_run_at, last_run_status = EXCLUDED.last_run_status,
                   last_run_count = EXCLUDED.last_run_count
            """;
}
