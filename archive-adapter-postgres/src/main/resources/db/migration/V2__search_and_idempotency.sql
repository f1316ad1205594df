-- Search (SPEC §3 "Read"): every filter is served by an index; and idempotency keys for POST /api/snapshot.
--
-- Already indexed by V1: account (the unique company_account_number, billing_year, billing_month)
-- and archive time, for date ranges, newest-first order and keyset paging (archived_at DESC, id DESC).

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it without superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- company_name ILIKE '%text%' (case-insensitive substring): only a trigram index can serve a leading wildcard.
CREATE INDEX ix_billing_snapshots_company_name_trgm
    ON billing_snapshots USING gin (company_name gin_trgm_ops);

-- year alone, year and month, and the period range (billing_year, billing_month) >= / <= (y, m).
CREATE INDEX ix_billing_snapshots_period ON billing_snapshots (billing_year, billing_month);

-- month alone is no prefix of the index above, and PostgreSQL 17 has no skip scan.
CREATE INDEX ix_billing_snapshots_month ON billing_snapshots (billing_month);

-- min_total / max_total.
CREATE INDEX ix_billing_snapshots_total_amount ON billing_snapshots (total_amount);

-- An Idempotency-Key remembered with the request it first came with and the snapshot that request
-- created; written in the snapshot's own transaction, so a key never points at a snapshot that is not there.
CREATE TABLE idempotency_keys (
    caller          VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_sha256  CHAR(64)     NOT NULL CHECK (request_sha256 ~ '^[0-9a-f]{64}$'),
    snapshot_id     BIGINT       NOT NULL REFERENCES billing_snapshots (id),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);

-- Keys are kept at least 24 hours; a later clean-up removes old ones by age.
CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
