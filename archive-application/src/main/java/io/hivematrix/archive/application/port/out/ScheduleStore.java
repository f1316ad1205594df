package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.ScheduleConfig;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.time.Instant;
import java.time.ZoneId;

/** The one monthly-schedule configuration, and what its last run did. */
public interface ScheduleStore {

    /** The stored configuration; a policy without a stored zone gets {@code defaultZone}. */
    ScheduleConfig load(ZoneId defaultZone);

    void save(SchedulePolicy policy);

    /** Remembers the latest run's time, status ({@code completed}, {@code partial}, {@code failed}) and count. */
    void recordRun(Instant at, String status, int count);

}
