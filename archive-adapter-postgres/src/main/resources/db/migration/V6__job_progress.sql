-- When a job last made progress: a running job that has not moved for long was abandoned by an
-- instance that stopped mid-run, and is then failed so that it can be retried.
ALTER TABLE snapshot_jobs ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();
