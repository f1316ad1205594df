-- Search at scale (issue 7): the two indexes a search walks carry what it reads, so it touches no table row,
-- each ~2 KB wide with its bodies inline. Measured at 1,000,000 snapshots (bench/large).

-- Newest first, with each snapshot's account and name: a company text that many accounts share walks this
-- index and tests account or name in it. A fragment shared by 503 accounts read their 32,000 snapshots
-- through the account index to sort out the newest 100 (30-50 ms); walking this one finds them after ~3,000
-- entries (0.5 ms). Same key as before, so keyset pages and date ranges are served as they were.
DROP INDEX ix_billing_snapshots_archived_at;
CREATE INDEX ix_billing_snapshots_archived_at
    ON billing_snapshots (archived_at DESC, id DESC) INCLUDE (company_account_number, company_name);

-- One account's snapshots newest first, holding every column of a search result: a search by account is
-- read from this index alone. PostgreSQL ran the page query 8,900 times a second this way against 2,900
-- reading the rows (pgbench, 8 clients, 2 cores); the index is ~275 MB at 1,000,000 snapshots against 85.
-- Replaces V8's (account, archived_at) index, whose key it keeps.
DROP INDEX ix_billing_snapshots_account_archived_at;
CREATE INDEX ix_billing_snapshots_account_archived_at
    ON billing_snapshots (company_account_number, archived_at DESC, id DESC)
    INCLUDE (company_name, content_sha256, invoice_number, billing_year, billing_month, invoice_date, due_date,
             billing_plan, contract_term, support_level, total_amount, total_user_charges, total_asset_charges,
             total_backup_charges, total_ticket_charges, total_line_item_charges, user_count, asset_count,
             billable_hours, created_by);
