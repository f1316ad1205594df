package io.hivematrix.archive.adapter.postgres.testing;

/**
 * Many bills in one {@code INSERT … SELECT}, for tests that need more rows than the create path writes in time;
 * the rows are well formed but carry no line items and no hashes of real bodies.
 */
public final class BulkBills {
    private BulkBills() {
    }

    /**
     * The statement inserting bills number {@code first} to {@code last} (g): account {@code prefix}(g mod
     * {@code accounts}), company "{@code company} g", invoice "{@code invoice}g", each account's periods
     * consecutive from 2000-01, archived from 2020-01-01 on, {@code perSecond} bills in each second (so that ties
     * occur where it is more than one).
     */
    public static String insert(String prefix, String company, String invoice, int accounts, int first, int last,
            int perSecond) {
        return """
                INSERT INTO billing_snapshots (company_account_number, company_name, invoice_number,
                    billing_year, billing_month, invoice_date, archived_at, total_amount, billing_data_text,
                    invoice_csv, received_body, content_sha256, record_sha256, created_by)
                SELECT '%s' || (g %% %d), '%s' || g, '%s' || g,
                       2000 + (g / %d) / 12, 1 + (g / %d) %% 12, DATE '2024-01-31',
                       TIMESTAMPTZ '2020-01-01 00:00:00+00' + (g / %d) * INTERVAL '1 second',
                       (g %% 100000) / 100.0, '{"g":' || g || '}', 'a,b' || chr(13) || chr(10),
                       '{}', md5(g::text) || md5('x' || g), md5(g::text) || md5('y' || g), 'test'
                  FROM generate_series(%d, %d) AS g
                """.formatted(prefix, accounts, company, invoice, accounts, accounts, perSecond, first, last);
    }
}
