-- Prints a pgbench script that inserts what one create of the fixture stores: the snapshot row, its line
-- items and its audit queue entry, in one statement, copied from the stored fixture snapshot so the
-- ceiling writes the same bytes as the service (only the account and invoice number differ, via :k).
-- Run with: psql -Atq -v invoice=620547-202510 -f bench/pg-ceiling.sql
\set ON_ERROR_STOP on
-- pgbench reads ':name' in a script as a variable, even inside a string ('service:ledger'): such a literal is
-- written as 'service' || chr(58) || 'ledger', the same bytes.
CREATE OR REPLACE FUNCTION pg_temp.colon_safe(v text) RETURNS text LANGUAGE sql AS
$$ SELECT CASE WHEN v IS NULL THEN 'NULL' ELSE replace(format('%L', v), ':', ''' || chr(58) || ''') END $$;
SELECT E'\\set k random(1, 1000000000000)\n'
    || 'WITH s AS (INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number, '
    || 'billing_year, billing_month, invoice_date, due_date, billing_plan, contract_term, support_level, '
    || 'total_amount, total_user_charges, total_asset_charges, total_backup_charges, total_ticket_charges, '
    || 'total_line_item_charges, user_count, asset_count, billable_hours, billing_data_text, invoice_csv, '
    || 'received_body, content_sha256, record_sha256, created_by, notes, submitted_by) VALUES ('
    || '''P'' || :k, ' || format('%L, ', s.company_name) || '''P'' || :k || ''-x'', '
    || format('%s, %s, %L, %L, %L, %L, %L, %s, %s, %s, %s, %s, %s, %s, %s, %s, %L, %L, %L, %L, %L, %s, %L, %s',
              s.billing_year, s.billing_month, s.invoice_date, s.due_date, s.billing_plan, s.contract_term,
              s.support_level, s.total_amount, s.total_user_charges, s.total_asset_charges,
              s.total_backup_charges, s.total_ticket_charges, s.total_line_item_charges, s.user_count,
              s.asset_count, s.billable_hours, s.billing_data_text, s.invoice_csv, s.received_body,
              s.content_sha256, s.record_sha256, pg_temp.colon_safe(s.created_by), s.notes,
              pg_temp.colon_safe(s.submitted_by))
    || ') ON CONFLICT DO NOTHING RETURNING id), '
    || 'l AS (INSERT INTO snapshot_line_items (snapshot_id, position, line_type, item_name, description, '
    || 'quantity, rate, amount) SELECT s.id, v.* FROM s, (VALUES '
    || (SELECT string_agg(format('(%s, %L, %L, %L, %s::numeric, %s::numeric, %s::numeric)', li.position,
                                 li.line_type, li.item_name, li.description, li.quantity, li.rate, li.amount),
                          ', ' ORDER BY li.position)
          FROM snapshot_line_items li WHERE li.snapshot_id = s.id)
    || ') AS v(position, line_type, item_name, description, quantity, rate, amount)), '
    || 'p AS (INSERT INTO audit_pending (snapshot_id) SELECT id FROM s) '
    || E'SELECT id FROM s;\n'
  FROM billing_snapshots s
 WHERE s.invoice_number = :'invoice';
