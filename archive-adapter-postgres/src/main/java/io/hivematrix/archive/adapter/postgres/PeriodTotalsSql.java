package io.hivematrix.archive.adapter.postgres;

/**
 * The SQL of the monthly report and of its check. The kept totals ({@code period_totals}, migration V14) are written
 * by the database itself, in the transaction of each insert of bills; these only read them.
 */
final class PeriodTotalsSql {
    private PeriodTotalsSql() {
    }

    /**
     * Every company's periods in a range, the shards of each added up: at most 8 rows a period, read by primary key.
     * Companies equal snapshots: a company has at most one bill a period (uq_billing_snapshots_company_period).
     */
    static final String ALL_COMPANIES = """
            SELECT billing_year, billing_month, sum(snapshots) AS companies, sum(snapshots) AS snapshots,
                   sum(total_amount) AS total_amount, sum(total_user_charges) AS total_user_charges,
                   sum(total_asset_charges) AS total_asset_charges, sum(total_backup_charges) AS total_backup_charges,
                   sum(total_ticket_charges) AS total_ticket_charges,
                   sum(total_line_item_charges) AS total_line_item_charges
              FROM period_totals
             WHERE (billing_year, billing_month) BETWEEN (?, ?) AND (?, ?)
             GROUP BY billing_year, billing_month
            HAVING sum(snapshots) > 0
             ORDER BY billing_year, billing_month
            """;

    /**
     * One company's bills in a range, added up from the bills themselves: an index range read of at most one bill a
     * period (the unique (account, year, month) constraint's index), so no summary is needed.
     */
    static final String ONE_COMPANY = """
            SELECT billing_year, billing_month, count(DISTINCT company_account_number) AS companies,
                   count(*) AS snapshots, sum(total_amount) AS total_amount,
                   sum(total_user_charges) AS total_user_charges, sum(total_asset_charges) AS total_asset_charges,
                   sum(total_backup_charges) AS total_backup_charges,
                   sum(total_ticket_charges) AS total_ticket_charges,
                   sum(total_line_item_charges) AS total_line_item_charges
              FROM billing_snapshots
             WHERE company_account_number = ?
               AND (billing_year, billing_month) BETWEEN (?, ?) AND (?, ?)
             GROUP BY billing_year, billing_month
             ORDER BY billing_year, billing_month
            """;

    /**
     * The first period whose kept totals differ from what its bills add up to, both read in one statement (one
     * snapshot of the data, whatever arrives meanwhile). Each side as text, in the same form, to name in the report.
     */
    static final String FIRST_DRIFT = """
            WITH billed AS (
                SELECT billing_year, billing_month,
                       concat_ws(' ', 'snapshots=' || count(*), 'total_amount=' || sum(total_amount),
                                 'total_user_charges=' || sum(total_user_charges),
                                 'total_asset_charges=' || sum(total_asset_charges),
                                 'total_backup_charges=' || sum(total_backup_charges),
                                 'total_ticket_charges=' || sum(total_ticket_charges),
                                 'total_line_item_charges=' || sum(total_line_item_charges)) AS totals
                  FROM billing_snapshots
                 GROUP BY billing_year, billing_month
            ), kept AS (
                SELECT billing_year, billing_month,
                       concat_ws(' ', 'snapshots=' || sum(snapshots), 'total_amount=' || sum(total_amount),
                                 'total_user_charges=' || sum(total_user_charges),
                                 'total_asset_charges=' || sum(total_asset_charges),
                                 'total_backup_charges=' || sum(total_backup_charges),
                                 'total_ticket_charges=' || sum(total_ticket_charges),
                                 'total_line_item_charges=' || sum(total_line_item_charges)) AS totals
                  FROM period_totals
                 GROUP BY billing_year, billing_month
                HAVING sum(snapshots) <> 0 OR sum(total_amount) <> 0 OR sum(total_user_charges) <> 0
                    OR sum(total_asset_charges) <> 0 OR sum(total_backup_charges) <> 0
                    OR sum(total_ticket_charges) <> 0 OR sum(total_line_item_charges) <> 0
            )
            SELECT billing_year, billing_month, coalesce(b.totals, 'no bills') AS expected,
                   coalesce(k.totals, 'no totals') AS found
              FROM billed b
              FULL JOIN kept k USING (billing_year, billing_month)
             WHERE b.totals IS DISTINCT FROM k.totals
             ORDER BY billing_year, billing_month
             LIMIT 1
            """;
}
