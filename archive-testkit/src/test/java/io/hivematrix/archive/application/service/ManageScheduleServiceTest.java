package io.hivematrix.archive.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.testkit.InMemoryScheduleStore;
import io.hivematrix.archive.testkit.RecordingScheduleTrigger;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.ManageSchedule.Current;
import io.hivematrix.archive.application.port.in.ManageSchedule.Update;
import io.hivematrix.archive.application.port.in.ManageSchedule.UpdateResult;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading and changing the monthly schedule: what is saved, what the trigger is told, and what is refused. */
class ManageScheduleServiceTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 1 Nov 2025, 01:00 in Berlin: the default run (the 1st at 02:00) is still ahead today. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-01T00:00:00Z"), ZoneOffset.UTC);

    private final InMemoryScheduleStore store = new InMemoryScheduleStore();
    private final RecordingScheduleTrigger trigger = new RecordingScheduleTrigger();
    private final ManageScheduleService schedule = new ManageScheduleService(store, trigger, CLOCK, BERLIN);

    private static Update update(Boolean enabled, Integer day, Integer hour, String zone) {
        return new Update(enabled, day, hour, null, null, zone);
    }

    @Test
    void withNothingSaved_theDefaultsInTheServiceZone_andTheirNextRun() {
        Current current = schedule.current();
        assertEquals(SchedulePolicy.defaults(BERLIN), current.config().policy());
        assertEquals(ZonedDateTime.of(2025, 11, 1, 2, 0, 0, 0, BERLIN), current.nextRunAt());
        assertNull(current.config().lastRunAt());
    }

    @Test
    void aDisabledSchedule_hasNoNextRun() {
        UpdateResult result = schedule.update(update(false, null, null, null));
        assertNull(assertInstanceOf(UpdateResult.Updated.class, result).now().nextRunAt());
        assertNull(schedule.current().nextRunAt());
        assertFalse(schedule.current().config().policy().enabled());
    }

    @Test
    void aValidChange_isSaved_handedToTheTrigger_andAnsweredWithTheNewNextRun() {
        UpdateResult result = schedule.update(new Update(null, 15, 6, false, false, "America/New_York"));

        SchedulePolicy expected = new SchedulePolicy(true, 15, 6, ZoneId.of("America/New_York"), false, false);
        Current now = assertInstanceOf(UpdateResult.Updated.class, result).now();
        assertEquals(expected, now.config().policy());
        assertEquals(ZonedDateTime.of(2025, 11, 15, 6, 0, 0, 0, ZoneId.of("America/New_York")), now.nextRunAt());
        assertEquals(expected, store.load(BERLIN).policy());
        assertEquals(List.of(expected), trigger.followed());
    }

    @Test
    void fieldsLeftOut_keepTheirValues() {
        schedule.update(new Update(false, 10, 4, false, false, "Asia/Tokyo"));
        schedule.update(update(null, null, 7, null));
        assertEquals(new SchedulePolicy(false, 10, 7, ZoneId.of("Asia/Tokyo"), false, false),
                schedule.current().config().policy());
        schedule.update(new Update(true, null, null, true, true, null));
        assertEquals(new SchedulePolicy(true, 10, 7, ZoneId.of("Asia/Tokyo"), true, true),
                schedule.current().config().policy());
    }

    @Test
    void everyBadField_isNamedWithItsReason_andNothingChanges() {
        UpdateResult result = schedule.update(new Update(false, 29, 24, false, false, "Mars/Olympus_Mons"));

        assertEquals(List.of(
                new FieldError("day_of_month", "day of month must be between 1 and 28"),
                new FieldError("hour", "hour must be between 0 and 23"),
                new FieldError("timezone", "must be an IANA time zone such as Europe/Berlin")),
                assertInstanceOf(UpdateResult.Invalid.class, result).errors());
        assertEquals(SchedulePolicy.defaults(BERLIN), store.load(BERLIN).policy());
        assertTrue(trigger.followed().isEmpty(), "the trigger follows nothing that was refused");
    }

    @Test
    void oneBadField_refusesTheValidOnesToo() {
        UpdateResult result = schedule.update(update(false, 0, 5, "UTC"));

        assertEquals(List.of(new FieldError("day_of_month", "day of month must be between 1 and 28")),
                assertInstanceOf(UpdateResult.Invalid.class, result).errors());
        assertEquals(SchedulePolicy.defaults(BERLIN), schedule.current().config().policy());
        assertTrue(trigger.followed().isEmpty());
    }

    @Test
    void theEdgesOfTheRanges_areAccepted() {
        assertInstanceOf(UpdateResult.Updated.class, schedule.update(update(null, 28, 23, null)));
        assertInstanceOf(UpdateResult.Updated.class, schedule.update(update(null, 1, 0, null)));
        assertEquals(new SchedulePolicy(true, 1, 0, BERLIN, true, true), schedule.current().config().policy());
    }

    @Test
    void aMalformedZoneId_isRefusedLikeAnUnknownOne() {
        UpdateResult result = schedule.update(update(null, null, null, "not a zone"));
        assertEquals(List.of(new FieldError("timezone", "must be an IANA time zone such as Europe/Berlin")),
                assertInstanceOf(UpdateResult.Invalid.class, result).errors());
    }
}
