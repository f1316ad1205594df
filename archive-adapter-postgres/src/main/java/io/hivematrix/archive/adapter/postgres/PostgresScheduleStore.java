package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.hivematrix.archive.application.port.out.ScheduleStore;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.ScheduleConfig;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** {@link ScheduleStore} on PostgreSQL: the single row {@code id = 1} of {@code scheduled_snapshots}. */
public final class PostgresScheduleStore implements ScheduleStore {
    private final DbClient db;

    PostgresScheduleStore(DbClient db) {
        this.db = db;
    }

    @Override
    public ScheduleConfig load(ZoneId defaultZone) {
        Objects.requireNonNull(defaultZone, "default zone");
        return db.execute().get(ScheduleSql.SELECT_SCHEDULE)
                .map(row -> config(row, defaultZone))
                // V1 inserts the row; should it be gone, the defaults apply, as they did before anything was saved.
                .orElseGet(() -> new ScheduleConfig(SchedulePolicy.defaults(defaultZone), null, null, null));
    }

    @Override
    public void save(SchedulePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        db.execute().dml(ScheduleSql.SAVE_SCHEDULE, policy.enabled(), policy.dayOfMonth(), policy.hour(),
                policy.zone().getId(), policy.previousMonth(), policy.allCompanies());
    }

    @Override
    public void recordRun(Instant at, String status, int count) {
        Objects.requireNonNull(at, "at");
        if (JobStatus.fromCode(status) == JobStatus.RUNNING) {
            throw new IllegalArgumentException("a run's status is how it ended: completed, partial or failed");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        db.execute().dml(ScheduleSql.RECORD_RUN, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), status, count);
    }

    private static ScheduleConfig config(DbRow row, ZoneId defaultZone) {
        String zoneId = Rows.text(row, "timezone");
        ZoneId zone;
        try {
            zone = zoneId == null ? defaultZone : ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            throw new IllegalStateException("scheduled_snapshots.timezone holds no known zone: " + zoneId, e);
        }
        SchedulePolicy policy = new SchedulePolicy(Rows.bool(row, "enabled"), Rows.integer(row, "day_of_month"),
                Rows.integer(row, "hour"), zone, Rows.bool(row, "snapshot_previous_month"),
                Rows.bool(row, "snapshot_all_companies"));
        Object lastRunAt = Rows.value(row, "last_run_at");
        Object lastRunCount = Rows.value(row, "last_run_count");
        return new ScheduleConfig(policy, lastRunAt == null ? null : Rows.instant(lastRunAt),
                Rows.text(row, "last_run_status"),
                lastRunCount == null ? null : ((Number) lastRunCount).intValue());
    }
}
