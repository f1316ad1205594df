package io.hivematrix.archive.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hivematrix.archive.application.port.out.ScheduleTrigger;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ScheduleTrigger} does, the recording fake and the Quartz trigger alike: it fires next when
 * the policy it follows says, follows a changed policy at once, and never fires while the policy is disabled.
 */
public abstract class ScheduleTriggerContract {
    /** The time the triggers under test read: far ahead, so none of them fires while a test looks at it. */
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2090-06-15T12:00:00Z"), ZoneOffset.UTC);
    private static final SchedulePolicy POLICY = SchedulePolicy.defaults(ZoneId.of("Europe/Berlin"));

    /** A trigger under test, and how to ask it when it will fire next. */
    public record Subject(ScheduleTrigger trigger, Supplier<Optional<Instant>> nextFireTime) {
        Optional<Instant> nextFire() {
            return nextFireTime.get();
        }
    }

    /** A trigger already following {@code initial}, reading the time from {@link #CLOCK}. */
    protected abstract Subject following(SchedulePolicy initial);

    /** Stops whatever the triggers made here started: a hook for subclasses, run after each test. */
    protected void tearDown() {
    }

    @AfterEach
    final void stop() {
        tearDown();
    }

    private static Optional<Instant> next(SchedulePolicy policy) {
        return policy.nextFireAfter(CLOCK.instant()).map(ZonedDateTime::toInstant);
    }

    @Test
    void itFiresNext_whenThePolicyItFollowsSays() {
        assertEquals(next(POLICY), following(POLICY).nextFire());
    }

    @Test
    void aChangedPolicy_isFollowedAtOnce() {
        Subject subject = following(POLICY);
        SchedulePolicy changed = POLICY.withDayOfMonth(28).withHour(23).withZone(ZoneId.of("America/New_York"));

        subject.trigger().reschedule(changed);

        assertEquals(next(changed), subject.nextFire());
    }

    @Test
    void aDisabledPolicy_neverFires_andEnabledAgainItIsFollowed() {
        Subject subject = following(POLICY);

        subject.trigger().reschedule(POLICY.withEnabled(false));
        assertEquals(Optional.empty(), subject.nextFire());

        subject.trigger().reschedule(POLICY.withHour(5));
        assertEquals(next(POLICY.withHour(5)), subject.nextFire());
    }
}
