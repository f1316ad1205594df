package io.hivematrix.archive.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;
import java.util.Optional;

/**
 * When the monthly snapshot job runs and what it archives: once a month on {@code dayOfMonth} at
 * {@code hour}:00 local time in {@code zone}.
 *
 * @param dayOfMonth     1–28, so that every month has the day
 * @param previousMonth  archive the month before the fire time's month (the usual case: bills are
 *                       final once the month is over), rather than the fire time's own month
 * @param allCompanies   archive every company Codex lists, rather than a chosen few
 */
public record SchedulePolicy(boolean enabled, int dayOfMonth, int hour, ZoneId zone, boolean previousMonth,
                             boolean allCompanies) {
    public static final int MAX_DAY_OF_MONTH = 28;

    public SchedulePolicy {
        requireDayOfMonth(dayOfMonth);
        requireHour(hour);
        Objects.requireNonNull(zone, "zone");
    }

    /** Checks a day alone, so callers can name the offending field. */
    public static int requireDayOfMonth(int dayOfMonth) {
        if (dayOfMonth < 1 || dayOfMonth > MAX_DAY_OF_MONTH) {
            throw new IllegalArgumentException("day of month must be between 1 and " + MAX_DAY_OF_MONTH);
        }
        return dayOfMonth;
    }

    /** Checks an hour alone, so callers can name the offending field. */
    public static int requireHour(int hour) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be between 0 and 23");
        }
        return hour;
    }

    /** Enabled, on the 1st at 02:00, archiving the previous month for all companies. */
    public static SchedulePolicy defaults(ZoneId zone) {
        return new SchedulePolicy(true, 1, 2, zone, true, true);
    }

    /**
     * The first fire time strictly after {@code after}, or empty when the schedule is disabled.
     *
     * <p>A local hour that does not exist (spring forward) fires at the first instant after the gap;
     * one that exists twice (fall back) fires once, at the earlier offset.
     */
    public Optional<ZonedDateTime> nextFireAfter(Instant after) {
        Objects.requireNonNull(after, "after");
        if (!enabled) {
            return Optional.empty();
        }
        // Starting a month early costs nothing and stays right even if an offset change moves the
        // local calendar across a month boundary; at most three months are ever looked at.
        YearMonth month = YearMonth.from(after.atZone(zone)).minusMonths(1);
        while (true) {
            ZonedDateTime fire = fireTimeIn(month);
            if (fire.toInstant().isAfter(after)) {
                return Optional.of(fire);
            }
            month = month.plusMonths(1);
        }
    }

    /**
     * The period a run fired at {@code fireTime} archives. The fire time is read in this policy's
     * zone, whatever zone it carries, so a UTC fire time for 1 February 02:00 in Tokyo (still
     * 31 January in UTC) targets January, not December.
     */
    public BillingPeriod targetPeriod(ZonedDateTime fireTime) {
        YearMonth fired = YearMonth.from(fireTime.withZoneSameInstant(zone));
        return BillingPeriod.of(previousMonth ? fired.minusMonths(1) : fired);
    }

    public SchedulePolicy withEnabled(boolean enabled) {
        return new SchedulePolicy(enabled, dayOfMonth, hour, zone, previousMonth, allCompanies);
    }

    public SchedulePolicy withDayOfMonth(int dayOfMonth) {
        return new SchedulePolicy(enabled, dayOfMonth, hour, zone, previousMonth, allCompanies);
    }

    public SchedulePolicy withHour(int hour) {
        return new SchedulePolicy(enabled, dayOfMonth, hour, zone, previousMonth, allCompanies);
    }

    public SchedulePolicy withZone(ZoneId zone) {
        return new SchedulePolicy(enabled, dayOfMonth, hour, zone, previousMonth, allCompanies);
    }

    public SchedulePolicy withPreviousMonth(boolean previousMonth) {
        return new SchedulePolicy(enabled, dayOfMonth, hour, zone, previousMonth, allCompanies);
    }

    public SchedulePolicy withAllCompanies(boolean allCompanies) {
        return new SchedulePolicy(enabled, dayOfMonth, hour, zone, previousMonth, allCompanies);
    }

    private ZonedDateTime fireTimeIn(YearMonth month) {
        LocalDateTime local = LocalDateTime.of(LocalDate.of(month.getYear(), month.getMonth(), dayOfMonth),
                LocalTime.of(hour, 0));
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            // Not ZonedDateTime.of: it shifts by the gap's length, which overshoots the gap's end when
            // the hour lies inside a gap longer than one hour (e.g. Antarctica/Troll's 01:00 -> 03:00).
            return transition.getInstant().atZone(zone);
        }
        // In an overlap ZonedDateTime.of picks the earlier offset, so the hour fires once.
        return ZonedDateTime.of(local, zone);
    }
}
