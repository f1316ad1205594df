package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import java.util.List;

/**
 * The runtime role: what the service may do in the database, granted by the owner after each migration, and what a
 * connected role can do, read before the service starts. Per table: read everything (Flyway's history included,
 * read only); append bills, their lines, idempotency keys, the seal queue and checkpoints; change only the schedule's
 * and the jobs' own tables. The chain and the log are written by the owner's sealing functions (migration V12), which
 * the runtime role may call; it may not UPDATE, DELETE or TRUNCATE an archived row, nor touch a trigger or function.
 */
public final class RuntimeRole {
    /**
     * Tables the service appends to and never changes. Not {@code snapshot_company_names}: the owner's trigger keeps
     * it (migration V15), and a pair written by hand with a newest time in the future would hide bills from a search.
     */
    static final List<String> APPEND_ONLY = List.of("billing_snapshots", "snapshot_line_items",
            "idempotency_keys", "audit_pending", "tlog_checkpoints");
    /** Tables of work in progress: the schedule, the monthly jobs and Quartz's clustered job store. */
    static final List<String> WORKING = List.of("scheduled_snapshots", "snapshot_jobs", "snapshot_job_companies",
            "qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_simprop_triggers",
            "qrtz_blob_triggers", "qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_fired_triggers",
            "qrtz_scheduler_state", "qrtz_locks");
    static final List<String> FUNCTIONS = List.of("archive_seal(integer, timestamptz)",
            "archive_append_tree(bigint, bytea[])");

    private static final String INSPECT = """
            SELECT current_user AS role, r.rolsuper AS superuser,
                   coalesce(pg_has_role(current_user, c.relowner, 'USAGE'), false) AS owns,
                   has_schema_privilege(current_user, current_schema(), 'CREATE') AS can_create
              FROM pg_roles r
              LEFT JOIN pg_class c ON c.oid = to_regclass('billing_snapshots')
             WHERE r.rolname = current_user
            """;

    private RuntimeRole() {
    }

    /** What a role connected to the archive's database is: the service refuses to run as a superuser or an owner. */
    public record Report(String role, boolean superuser, boolean ownsTables, boolean canCreateInSchema) {
        /** Whether this role could change archived rows, their guards or the sealing functions. */
        public boolean tooPowerful() {
            return superuser || ownsTables;
        }
    }

    /**
     * The statements that give {@code role} exactly the runtime grants in the current schema, after taking back
     * whatever it held before (the README's older grant list allowed writing the chain, say). Identifiers are
     * quoted by the server.
     */
    static List<String> statements(String schema, String role) {
        String tables = "GRANT %s ON %s TO " + role;
        return List.of(
                "REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + role,
                "REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + schema + " FROM " + role,
                "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA " + schema + " FROM " + role,
                "GRANT USAGE ON SCHEMA " + schema + " TO " + role,
                "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + role,
                tables.formatted("INSERT", String.join(", ", APPEND_ONLY)),
                tables.formatted("INSERT, UPDATE, DELETE", String.join(", ", WORKING)),
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role,
                "GRANT EXECUTE ON FUNCTION " + String.join(", ", FUNCTIONS) + " TO " + role);
    }

    /** Gives {@code role} the runtime grants, in one transaction, connected as the owner (after migrating). */
    static void grant(DbClient owner, String role) {
        try {
            DbTransaction tx = owner.transaction();
            try {
                String schema = quoted(tx, "SELECT quote_ident(current_schema()) AS quoted");
                String quotedRole = quoted(tx, "SELECT quote_ident(?) AS quoted", role);
                for (String statement : statements(schema, quotedRole)) {
                    tx.dml(statement);
                }
                tx.commit();
            } catch (RuntimeException e) {
                throw Transactions.rollbackAfter(tx, e);
            }
        } catch (DbClientException e) {
            throw new IllegalStateException("could not grant the runtime role " + role + " its rights", e);
        }
    }

    /** What the connected role is, in the archive's database. */
    static Report inspect(DbClient runtime) {
        try {
            DbRow row = runtime.execute().get(INSPECT).orElseThrow();
            return new Report(Rows.text(row, "role"), Rows.bool(row, "superuser"), Rows.bool(row, "owns"),
                    Rows.bool(row, "can_create"));
        } catch (DbClientException e) {
            throw new IllegalStateException("could not read what the database role may do", e);
        }
    }

    private static String quoted(DbExecute tx, String sql, Object... params) {
        return tx.get(sql, params).map(row -> Rows.text(row, "quoted")).orElseThrow();
    }
}
