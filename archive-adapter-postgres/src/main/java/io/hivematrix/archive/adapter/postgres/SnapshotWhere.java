package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.domain.SnapshotCursor;
import io.hivematrix.archive.domain.SnapshotFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause for a {@link SnapshotFilter} (and keyset cursor): fixed SQL fragments, every user
 * value a bound parameter, each condition written so that an index (migrations V2, V8) can serve it.
 *
 * @param byAccount whether the clause names the accounts to read (one, or a company text's bound list), so that a
 *                  page is read through ix_billing_snapshots_account_archived_at, which holds every summary column
 */
record SnapshotWhere(String sql, List<Object> params, boolean byAccount) {
    /** Dates are clamped to years 1..9999, which every timestamptz we bind can hold; no archive time lies outside. */
    private static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 30);

    SnapshotWhere {
        params = List.copyOf(params);
    }

    /** For a filter without a company text. */
    static SnapshotWhere of(SnapshotFilter filter, SnapshotCursor after) {
        if (filter.companyContains() != null) {
            throw new IllegalArgumentException("a company text needs the accounts whose names match it");
        }
        return of(filter, after, List.of(), true, null);
    }

    /**
     * For any filter; {@code names} is what {@code snapshot_company_names} knows of the filter's company text
     * (looked up beforehand), ignored without one. Up to {@link PostgresSnapshotStore#MAX_BOUND_ACCOUNTS} name
     * pairs, their accounts are bound into the statement; past it, the name alone is matched.
     */
    static SnapshotWhere of(SnapshotFilter filter, SnapshotCursor after, CompanyAccounts.Matches names) {
        boolean bind = names != null && names.names() <= PostgresSnapshotStore.MAX_BOUND_ACCOUNTS;
        return of(filter, after, bind ? names.accounts() : null, !bind || names.renamed(), null);
    }

    /**
     * For one search page ({@code offset} and {@code limit} as the page asks; a cursor replaces the offset). When
     * the company text is the only criterion and its pairs are bound, only the accounts that can hold the page are
     * read, from the time the page can start at ({@link CompanyAccounts.Matches#narrowed}): at 10,000,000 bills a
     * text that ~1,000 accounts share reads ~100 index entries instead of their ~60,000 bills.
     */
    static SnapshotWhere page(SnapshotFilter filter, SnapshotCursor after, CompanyAccounts.Matches names, int offset,
                              int limit) {
        if (names != null && companyOnly(filter)) {
            CompanyAccounts.Narrowed narrowed = names.narrowed(after, after == null ? (long) offset + limit : limit);
            // A deep cursor can leave most pairs in the running: past the bound, binding them costs more than it saves.
            if (narrowed != null && narrowed.accounts().size() <= PostgresSnapshotStore.MAX_BOUND_ACCOUNTS) {
                return of(filter, after, narrowed.accounts(), names.renamed(), narrowed.from());
            }
        }
        return of(filter, after, names);
    }

    /** Whether the filter has a company text and no other criterion. */
    static boolean companyOnly(SnapshotFilter filter) {
        return filter.companyContains() != null && filter.equals(new SnapshotFilter(null, null, null, null, null,
                filter.companyContains(), null, null, null, null));
    }

    private static SnapshotWhere of(SnapshotFilter filter, SnapshotCursor after, List<String> companyAccounts,
                                    boolean recheckName, Instant archivedFrom) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (filter.account() != null) {
            conditions.add("company_account_number = ?");
            params.add(filter.account().value());
        }
        if (filter.year() != null) {
            conditions.add("billing_year = ?");
            params.add(filter.year());
        }
        if (filter.month() != null) {
            conditions.add("billing_month = ?");
            params.add(filter.month());
        }
        // Whole UTC days as a half-open range on the column itself, so the archived_at index applies.
        if (filter.fromDate() != null) {
            conditions.add("archived_at >= ?");
            params.add(startOfDay(clamp(filter.fromDate())));
        }
        if (filter.toDate() != null) {
            conditions.add("archived_at < ?");
            params.add(startOfDay(clamp(filter.toDate()).plusDays(1)));
        }
        if (filter.companyContains() != null) {
            // Two steps, because one statement let the planner misjudge common fragments (a whole-table read
            // for "ing" at 1,000,000 snapshots): the accounts come bound, and with no renamed account among
            // them every snapshot of theirs matches, so no name is tested and the planner's row estimate is the
            // accounts' own: few accounts are read through the (account, archived_at) index, many by walking
            // the newest-first index (V9: it holds account and name) until a page is full. A renamed company's
            // older bills keep their old name, hence the recheck then; both indexes hold company_name, so it
            // reads no table row. The user's text is matched literally.
            // A fragment that many accounts share matches a large part of the archive: walking it newest first and
            // testing each name finds a page sooner than binding thousands of accounts (planned one by one).
            if (companyAccounts != null) {
                conditions.add("company_account_number = ANY (CAST(? AS varchar[]))");
                params.add(companyAccounts.toArray(String[]::new));
            }
            if (companyAccounts == null || recheckName) {
                conditions.add("company_name ILIKE ? ESCAPE '\\'");
                params.add(likeContains(filter.companyContains()));
            }
            if (archivedFrom != null) {
                conditions.add("archived_at >= ?");
                params.add(OffsetDateTime.ofInstant(archivedFrom, ZoneOffset.UTC));
            }
        }
        // Row comparisons use the (billing_year, billing_month) index as one range.
        if (filter.fromPeriod() != null) {
            conditions.add("(billing_year, billing_month) >= (?, ?)");
            params.add(filter.fromPeriod().year());
            params.add(filter.fromPeriod().month());
        }
        if (filter.toPeriod() != null) {
            conditions.add("(billing_year, billing_month) <= (?, ?)");
            params.add(filter.toPeriod().year());
            params.add(filter.toPeriod().month());
        }
        if (filter.minTotal() != null) {
            conditions.add("total_amount >= ?");
            params.add(filter.minTotal().amount());
        }
        if (filter.maxTotal() != null) {
            conditions.add("total_amount <= ?");
            params.add(filter.maxTotal().amount());
        }
        if (after != null) {
            // Keyset: strictly older than the cursor in (archived_at DESC, id DESC) order; cost independent of depth.
            conditions.add("(archived_at, id) < (?, ?)");
            params.add(OffsetDateTime.ofInstant(after.archivedAt(), ZoneOffset.UTC));
            params.add(after.id());
        }
        boolean byAccount = filter.account() != null || (filter.companyContains() != null && companyAccounts != null);
        return new SnapshotWhere(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params,
                byAccount);
    }

    /** The ILIKE pattern for "contains this text", the text matched literally. */
    static String likeContains(String text) {
        return "%" + escapeLike(text) + "%";
    }

    /** Makes {@code \}, {@code %} and {@code _} in user text match themselves under {@code ESCAPE '\'}. */
    static String escapeLike(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static LocalDate clamp(LocalDate day) {
        return day.isBefore(FIRST_DAY) ? FIRST_DAY : day.isAfter(LAST_DAY) ? LAST_DAY : day;
    }

    private static OffsetDateTime startOfDay(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
