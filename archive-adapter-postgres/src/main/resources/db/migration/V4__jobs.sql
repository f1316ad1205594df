-- Monthly snapshot jobs (issue 6): V1 already has every column the jobs and the schedule need; this
-- adds the guards and indexes that running them across several instances relies on.

-- Each scheduled period runs once: when two instances fire for the same month, only the first may
-- record a scheduled job for it (the store's INSERT ... ON CONFLICT names this index as its arbiter).
-- Manual, bulk and retry jobs for the same period stay allowed, and so does a new scheduled run once
-- the earlier one failed outright (e.g. Codex was down), so a catch-up fire can still archive the month.
CREATE UNIQUE INDEX uq_snapshot_jobs_scheduled_period
    ON snapshot_jobs (target_year, target_month)
    WHERE job_type = 'scheduled' AND status <> 'failed';

-- Jobs left running (e.g. by an instance that died) are looked up at start-up without a scan.
CREATE INDEX ix_snapshot_jobs_running
    ON snapshot_jobs (started_at, id)
    WHERE status = 'running';

