-- The archive's model (SPEC §4): snapshots with their line items, the schedule policy, and jobs.
-- Money is NUMERIC (never float), times are timestamptz, the bill breakdown is jsonb.

CREATE TABLE billing_snapshots (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_account_number  VARCHAR(50)   NOT NULL,
    company_name            VARCHAR(255)  NOT NULL,
    invoice_number          VARCHAR(50)   NOT NULL,
    billing_year            SMALLINT      NOT NULL CHECK (billing_year BETWEEN 2000 AND 2100),
    billing_month           SMALLINT      NOT NULL CHECK (billing_month BETWEEN 1 AND 12),
    invoice_date            DATE,
    due_date                DATE,
    archived_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    billing_plan            VARCHAR(100),
    contract_term           VARCHAR(100),
    support_level           VARCHAR(100),
    total_amount            NUMERIC(14,2) NOT NULL,
    total_user_charges      NUMERIC(14,2) NOT NULL DEFAULT 0,
    total_asset_charges     NUMERIC(14,2) NOT NULL DEFAULT 0,
    total_backup_charges    NUMERIC(14,2) NOT NULL DEFAULT 0,
    total_ticket_charges    NUMERIC(14,2) NOT NULL DEFAULT 0,
    total_line_item_charges NUMERIC(14,2) NOT NULL DEFAULT 0,
    user_count              INTEGER       NOT NULL DEFAULT 0 CHECK (user_count >= 0),
    asset_count             INTEGER       NOT NULL DEFAULT 0 CHECK (asset_count >= 0),
    billable_hours          NUMERIC(19,6) NOT NULL DEFAULT 0 CHECK (billable_hours >= 0),
    -- The canonical JSON text that the content hash covers; billing_data is its queryable twin.
    billing_data_text       TEXT          NOT NULL,
    billing_data            JSONB         GENERATED ALWAYS AS (billing_data_text::jsonb) STORED,
    invoice_csv             TEXT          NOT NULL,
    -- The request body byte for byte as it arrived, kept for forensics beside the parsed bill.
    received_body           TEXT,
    content_sha256          CHAR(64)      NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    created_by              VARCHAR(255)  NOT NULL,
    notes                   TEXT,
    CONSTRAINT uq_billing_snapshots_invoice_number UNIQUE (invoice_number),
    CONSTRAINT uq_billing_snapshots_company_period UNIQUE (company_account_number, billing_year, billing_month)
);

-- Newest-first listings walk this index.
CREATE INDEX ix_billing_snapshots_archived_at ON billing_snapshots (archived_at DESC, id DESC);

CREATE TABLE snapshot_line_items (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    snapshot_id BIGINT        NOT NULL REFERENCES billing_snapshots (id),
    position    INTEGER       NOT NULL CHECK (position >= 0),
    line_type   VARCHAR(10)   NOT NULL CHECK (line_type IN ('user', 'asset', 'backup', 'ticket', 'custom')),
    item_name   VARCHAR(255)  NOT NULL,
    description TEXT,
    quantity    NUMERIC(19,6) NOT NULL DEFAULT 1,
    rate        NUMERIC(19,6) NOT NULL,
    amount      NUMERIC(14,2) NOT NULL,
    CONSTRAINT uq_snapshot_line_items_position UNIQUE (snapshot_id, position)
);

CREATE TABLE scheduled_snapshots (
    id                      INTEGER      PRIMARY KEY CHECK (id = 1),
    enabled                 BOOLEAN      NOT NULL DEFAULT TRUE,
    day_of_month            SMALLINT     NOT NULL DEFAULT 1 CHECK (day_of_month BETWEEN 1 AND 28),
    hour                    SMALLINT     NOT NULL DEFAULT 2 CHECK (hour BETWEEN 0 AND 23),
    -- An IANA zone; NULL means the server's own zone.
    timezone                VARCHAR(64),
    snapshot_previous_month BOOLEAN      NOT NULL DEFAULT TRUE,
    snapshot_all_companies  BOOLEAN      NOT NULL DEFAULT TRUE,
    last_run_at             TIMESTAMPTZ,
    last_run_status         VARCHAR(20),
    last_run_count          INTEGER,
    updated_at              TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The policy is a single row: on by default, the 1st at 02:00, for the previous month, all companies.
INSERT INTO scheduled_snapshots (id) VALUES (1);

CREATE TABLE snapshot_jobs (
    id                  UUID         PRIMARY KEY,
    job_type            VARCHAR(20)  NOT NULL CHECK (job_type IN ('scheduled', 'manual', 'bulk', 'retry')),
    status              VARCHAR(20)  NOT NULL CHECK (status IN ('running', 'completed', 'partial', 'failed')),
    target_year         SMALLINT     NOT NULL CHECK (target_year BETWEEN 2000 AND 2100),
    target_month        SMALLINT     NOT NULL CHECK (target_month BETWEEN 1 AND 12),
    total_companies     INTEGER      NOT NULL DEFAULT 0 CHECK (total_companies >= 0),
    completed_companies INTEGER      NOT NULL DEFAULT 0 CHECK (completed_companies >= 0),
    success_count       INTEGER      NOT NULL DEFAULT 0 CHECK (success_count >= 0),
    failed_count        INTEGER      NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
    started_at          TIMESTAMPTZ  NOT NULL,
    completed_at        TIMESTAMPTZ,
    triggered_by        VARCHAR(255),
    error               TEXT,
    -- The job this one retries, if any.
    retry_of            UUID         REFERENCES snapshot_jobs (id)
);

CREATE INDEX ix_snapshot_jobs_started_at ON snapshot_jobs (started_at DESC, id);

-- Per-company results of a job: the detail behind its counters.
CREATE TABLE snapshot_job_companies (
    job_id          UUID         NOT NULL REFERENCES snapshot_jobs (id),
    position        INTEGER      NOT NULL,
    account_number  VARCHAR(50)  NOT NULL,
    company_name    VARCHAR(255),
    success         BOOLEAN      NOT NULL,
    detail          TEXT,
    attempts        INTEGER      NOT NULL DEFAULT 1 CHECK (attempts >= 0),
    PRIMARY KEY (job_id, position)
);
