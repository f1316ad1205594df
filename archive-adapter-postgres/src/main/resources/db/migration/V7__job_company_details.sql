-- What each company of a job went through: Ledger's last HTTP status (NULL when no call was made or
-- none answered), the invoice number archived (NULL unless archived) and when work on it began and ended.
ALTER TABLE snapshot_job_companies
    ADD COLUMN http_status    INTEGER CHECK (http_status BETWEEN 100 AND 599),
    ADD COLUMN invoice_number VARCHAR(50),
    ADD COLUMN started_at     TIMESTAMPTZ,
    ADD COLUMN finished_at    TIMESTAMPTZ,
    ADD CONSTRAINT ck_snapshot_job_companies_times CHECK (finished_at >= started_at);
