package io.hivematrix.archive.domain;

import java.time.Instant;

/**
 * The monthly schedule as configured, and what its last run did.
 *
 * @param lastRunAt     when the last run ended, or null
 * @param lastRunStatus its status, or null
 * @param lastRunCount  how many companies it archived, or null
 */
public record ScheduleConfig(SchedulePolicy policy, Instant lastRunAt, String lastRunStatus, Integer lastRunCount) {
}
