package io.hivematrix.archive.adapter.postgres.backup;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The tables a backup holds, in the order a restore loads them, and the SQL of backup and restore in one place. */
final class BackupSql {
    private BackupSql() {
    }

    /**
     * Every table Archive needs to come back, parents before children. {@code snapshot_company_names} comes before
     * {@code billing_snapshots}: a trigger adds each new snapshot's name there with ON CONFLICT DO NOTHING, so with
     * the table's own rows already loaded the trigger adds nothing and the table comes back exactly as it was.
     * {@code scheduled_snapshots} holds one row that the first migration creates; a restore replaces it.
     */
    static final List<String> TABLES = List.of(
            "snapshot_company_names",
            "billing_snapshots",
            "snapshot_line_items",
            "idempotency_keys",
            "audit_pending",
            "audit_chain",
            "tlog_hashes",
            "tlog_checkpoints",
            "scheduled_snapshots",
            "snapshot_jobs",
            "snapshot_job_companies");

    /** Created by the first migration, so "empty" allows its one row: a restore replaces it. */
    static final String SEEDED_TABLE = "scheduled_snapshots";

    /**
     * Left out on purpose. Quartz's tables hold cluster members and the trigger, which QuartzSchedule places again
     * from scheduled_snapshots at every start; Flyway's history is the manifest's schema_version, and a restore
     * writes it afresh by migrating. {@code period_totals} is derived from the bills: its trigger (V14, enabled
     * always) adds up the bills as the restore loads them, and a backup of an older schema gets it from V14's
     * backfill when the restore migrates on.
     */
    static final Pattern NOT_BACKED_UP = Pattern.compile("qrtz_.*|flyway_schema_history|period_totals");

    /** The append-only tables whose guard triggers must be in place after a restore. */
    static final List<String> GUARDED_TABLES = List.of("billing_snapshots", "snapshot_line_items", "audit_chain",
            "tlog_hashes", "tlog_checkpoints");

    /** Names we put into SQL unquoted-safe: what Archive's migrations use, and nothing a manifest could smuggle. */
    static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * Fixed for the COPY session so that the text written and read depends on neither the server's version nor its
     * configuration: times in UTC and ISO order, full float precision, hex bytea (text is UTF-8 already: the driver
     * insists on it). LOCAL: they end with the transaction, so a pooled connection goes back unchanged. No statement
     * timeout: a role's default one would cut a large backup short.
     */
    static final List<String> SESSION = List.of(
            "SET LOCAL TimeZone = 'UTC'",
            "SET LOCAL DateStyle = 'ISO, YMD'",
            "SET LOCAL IntervalStyle = 'postgres'",
            "SET LOCAL extra_float_digits = 3",
            "SET LOCAL bytea_output = 'hex'",
            "SET LOCAL statement_timeout = 0");

    /** Ordinary tables of the current schema, to find any that the backup would miss. */
    static final String SCHEMA_TABLES = """
            SELECT c.relname
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
             ORDER BY c.relname
            """;

    /** A table's columns in order, without generated ones (COPY FROM cannot take those; they are recomputed). */
    static final String COLUMNS = """
            SELECT a.attname
              FROM pg_attribute a
             WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
             ORDER BY a.attnum
            """;

    static final String SCHEMA_VERSION = """
            SELECT version FROM flyway_schema_history
             WHERE success AND version IS NOT NULL
             ORDER BY installed_rank DESC
             LIMIT 1
            """;

    /** The chain's newest link and the totals, read in the backup's own snapshot. */
    static final String AUDIT_HEAD = """
            SELECT c.seq, c.entry_hash,
                   (SELECT count(*) FROM billing_snapshots) AS snapshots,
                   (SELECT count(*) FROM audit_pending) AS pending
              FROM (SELECT 1) one
              LEFT JOIN LATERAL (SELECT seq, entry_hash FROM audit_chain ORDER BY seq DESC LIMIT 1) c ON true
            """;

    static final String TABLE_EXISTS = "SELECT to_regclass(?) IS NOT NULL";

    /**
     * Every sequence owned by a column of the given tables, identity (deptype i) or serial (a), with that column:
     * found from the catalog, so a migration that adds one needs no change here.
     */
    static final String OWNED_SEQUENCES = """
            SELECT s.oid::regclass::text AS sequence_name, t.relname AS table_name, a.attname AS column_name
              FROM pg_class s
              JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
                              AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
              JOIN pg_class t ON t.oid = d.refobjid
              JOIN pg_namespace n ON n.oid = t.relnamespace
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
             WHERE s.relkind = 'S' AND n.nspname = current_schema() AND t.relname = ANY (?)
             ORDER BY t.relname, a.attname
            """;

    /** Guard triggers as they stand: which table, which events (tgtype bits), and whether they fire always. */
    static final String GUARDS = """
            SELECT c.relname AS table_name, t.tgtype, t.tgenabled
              FROM pg_trigger t
              JOIN pg_class c ON c.oid = t.tgrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_proc p ON p.oid = t.tgfoid
             WHERE p.proname = 'archive_forbid_change' AND n.nspname = current_schema() AND NOT t.tgisinternal
            """;

    /**
     * The trigger that sets a new snapshot's archived_at from the database's clock (V13). A restore loads rows that
     * already have their archive time, so it disables this one trigger for its load transaction.
     */
    static final String ARCHIVED_AT_TABLE = "billing_snapshots";
    static final String ARCHIVED_AT_TRIGGER = "billing_snapshots_archived_at";

    /** A trigger's pg_trigger.tgenabled ('O' origin, 'A' always, 'R' replica only, 'D' disabled), if it exists. */
    static final String TRIGGER_ENABLED = """
            SELECT t.tgenabled
              FROM pg_trigger t
              JOIN pg_class c ON c.oid = t.tgrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relname = ? AND t.tgname = ? AND NOT t.tgisinternal
            """;

    /** pg_trigger.tgtype bits (PostgreSQL's trigger.h). */
    static final int TRIGGER_DELETE = 1 << 3;
    static final int TRIGGER_UPDATE = 1 << 4;
    static final int TRIGGER_TRUNCATE = 1 << 5;

    /** A table's primary key columns in key order. */
    static final String PRIMARY_KEY = """
            SELECT a.attname
              FROM pg_index i
              CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE i.indrelid = to_regclass(?) AND i.indisprimary
             ORDER BY k.ord
            """;

    /**
     * Rows in primary-key order, so the same data always gives the same bytes (a table's physical order does not
     * survive a restore: where COPY puts a row depends on free space), and a restore writes each table in key order.
     */
    static String copyOut(String table, List<String> columns, List<String> primaryKey) {
        return "COPY (SELECT " + columnList(columns) + " FROM " + name(table)
                + (primaryKey.isEmpty() ? "" : " ORDER BY " + columnList(primaryKey))
                + ") TO STDOUT WITH (FORMAT csv, HEADER true)";
    }

    static String copyIn(String table, List<String> columns) {
        return "COPY " + name(table) + " (" + columnList(columns) + ") FROM STDIN WITH (FORMAT csv, HEADER true)";
    }

    /** The first line COPY writes: the column names, comma-separated (ours never need quoting). */
    static String header(List<String> columns) {
        return String.join(",", columns);
    }

    static String lockAll(List<String> tables) {
        return "LOCK TABLE " + String.join(", ", tables.stream().map(BackupSql::name).toList())
                + " IN EXCLUSIVE MODE";
    }

    static String anyRow(String table) {
        return "SELECT EXISTS (SELECT 1 FROM " + name(table) + ")";
    }

    static String count(String table) {
        return "SELECT count(*) FROM " + name(table);
    }

    /** Transactional, like all DDL in PostgreSQL: a load that fails leaves the trigger as it was. */
    static String enableTrigger(String table, String trigger, boolean enable) {
        return "ALTER TABLE " + name(table) + (enable ? " ENABLE" : " DISABLE") + " TRIGGER " + name(trigger);
    }

    static String deleteAll(String table) {
        return "DELETE FROM " + name(table);
    }

    /** Sets the sequence so the next value is one past the column's largest (1 for an empty table). */
    static String resetSequence(String table, String column) {
        return "SELECT setval(?::regclass, COALESCE(max(" + name(column) + "), 0) + 1, false) FROM " + name(table);
    }

    static String name(String identifier) {
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + identifier);
        }
        return "\"" + identifier + "\"";
    }

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(BackupSql::name).toList());
    }
}
