package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.ScheduleStore;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.ScheduleConfig;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A {@link ScheduleStore} in memory: starts with the defaults and no zone, like the database's row. */
public final class InMemoryScheduleStore implements ScheduleStore {
    /** The saved policy, or null while none was saved (the defaults in the caller's zone apply). */
    private SchedulePolicy policy;
    private Instant lastRunAt;
    private String lastRunStatus;
    private Integer lastRunCount;

    @Override
    public synchronized ScheduleConfig load(ZoneId defaultZone) {
        Objects.requireNonNull(defaultZone, "default zone");
        return new ScheduleConfig(policy == null ? SchedulePolicy.defaults(defaultZone) : policy, lastRunAt,
                lastRunStatus, lastRunCount);
    }

    @Override
    public synchronized void save(SchedulePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public synchronized void recordRun(Instant at, String status, int count) {
        Objects.requireNonNull(at, "at");
        if (JobStatus.fromCode(status) == JobStatus.RUNNING) {
            throw new IllegalArgumentException("a run's status is how it ended: completed, partial or failed");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        lastRunAt = at.truncatedTo(ChronoUnit.MICROS);
        lastRunStatus = status;
        lastRunCount = count;
    }
}
