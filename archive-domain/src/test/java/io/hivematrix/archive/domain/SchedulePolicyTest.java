package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulePolicyTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static SchedulePolicy policy(int day, int hour, ZoneId zone) {
        return new SchedulePolicy(true, day, hour, zone, true, true);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static ZonedDateTime next(SchedulePolicy policy, String after) {
        return policy.nextFireAfter(at(after)).orElseThrow();
    }

    // --- values ---

    @Test
    void defaults_areEnabledFirstDayTwoAmPreviousMonthAllCompanies() {
        SchedulePolicy defaults = SchedulePolicy.defaults(BERLIN);
        assertEquals(new SchedulePolicy(true, 1, 2, BERLIN, true, true), defaults);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 28})
    void dayOfMonthFrom1To28_isAccepted(int day) {
        assertEquals(day, policy(day, 2, UTC).dayOfMonth());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 29, 31, -1})
    void dayOfMonthOutside1To28_isRejected(int day) {
        assertEquals("day of month must be between 1 and 28", Rejection.of(() -> policy(day, 2, UTC)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 12, 23})
    void hourFrom0To23_isAccepted(int hour) {
        assertEquals(hour, policy(1, hour, UTC).hour());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 24})
    void hourOutside0To23_isRejected(int hour) {
        assertEquals("hour must be between 0 and 23", Rejection.of(() -> policy(1, hour, UTC)));
    }

    @Test
    void missingZone_isRejected() {
        assertThrows(NullPointerException.class, () -> policy(1, 2, null));
        assertThrows(NullPointerException.class, () -> SchedulePolicy.defaults(null));
    }

    @Test
    void withMethods_changeExactlyOneField() {
        SchedulePolicy base = SchedulePolicy.defaults(UTC);
        assertEquals(new SchedulePolicy(false, 1, 2, UTC, true, true), base.withEnabled(false));
        assertEquals(new SchedulePolicy(true, 28, 2, UTC, true, true), base.withDayOfMonth(28));
        assertEquals(new SchedulePolicy(true, 1, 23, UTC, true, true), base.withHour(23));
        assertEquals(new SchedulePolicy(true, 1, 2, TOKYO, true, true), base.withZone(TOKYO));
        assertEquals(new SchedulePolicy(true, 1, 2, UTC, false, true), base.withPreviousMonth(false));
        assertEquals(new SchedulePolicy(true, 1, 2, UTC, true, false), base.withAllCompanies(false));
        assertEquals(SchedulePolicy.defaults(UTC), base);
    }

    @Test
    void withMethods_rejectInvalidValues() {
        SchedulePolicy base = SchedulePolicy.defaults(UTC);
        assertThrows(IllegalArgumentException.class, () -> base.withDayOfMonth(29));
        assertThrows(IllegalArgumentException.class, () -> base.withDayOfMonth(0));
        assertThrows(IllegalArgumentException.class, () -> base.withHour(24));
        assertThrows(NullPointerException.class, () -> base.withZone(null));
    }

    @Test
    void requireDayOfMonthAndHour_checkAlone() {
        assertEquals(28, SchedulePolicy.requireDayOfMonth(28));
        assertEquals(0, SchedulePolicy.requireHour(0));
        assertThrows(IllegalArgumentException.class, () -> SchedulePolicy.requireDayOfMonth(29));
        assertThrows(IllegalArgumentException.class, () -> SchedulePolicy.requireHour(-1));
    }

    // --- next fire ---

    @Test
    void disabled_neverFires() {
        assertEquals(Optional.empty(), SchedulePolicy.defaults(UTC).withEnabled(false)
                .nextFireAfter(at("2026-01-15T00:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "later this month: this month,                       15,  2, 2026-01-10T12:00:00Z, 2026-01-15T02:00Z",
            "past the day this month: next month,                 1,  2, 2026-01-15T00:00:00Z, 2026-02-01T02:00Z",
            "across the month end: the first of next month,      1,  2, 2026-02-28T23:59:59Z, 2026-03-01T02:00Z",
            "in December after the day: January of next year,    1,  2, 2025-12-01T02:00:01Z, 2026-01-01T02:00Z",
            "in December after the 28th: January of next year,   28, 23, 2025-12-29T00:00:00Z, 2026-01-28T23:00Z",
            "exactly at the fire time: next month,               1,  2, 2026-01-01T02:00:00Z, 2026-02-01T02:00Z",
            "hour zero: local midnight,                          1,  0, 2026-03-01T00:00:00Z, 2026-04-01T00:00Z"})
    void nextFire_inUtc(String when, int day, int hour, String after, String fire) {
        assertEquals(ZonedDateTime.parse(fire), next(policy(day, hour, UTC), after), when);
    }

    @Test
    void justBeforeTheFireTime_nextFireIsThatFireTime() {
        Instant justBefore = at("2026-01-01T02:00:00Z").minusNanos(1);
        assertEquals(ZonedDateTime.parse("2026-01-01T02:00Z"), policy(1, 2, UTC).nextFireAfter(justBefore).orElseThrow());
    }

    @Test
    void nextFire_isInThePolicysZone() {
        ZonedDateTime fire = next(SchedulePolicy.defaults(BERLIN), "2026-01-15T00:00:00Z");
        assertEquals(BERLIN, fire.getZone());
        assertEquals(ZonedDateTime.parse("2026-02-01T02:00+01:00[Europe/Berlin]"), fire);
    }

    @Test
    void tokyo_firesOnItsOwnDateWhileUtcIsStillTheDayBefore() {
        SchedulePolicy tokyo = SchedulePolicy.defaults(TOKYO);
        // 2026-01-31T16:00Z is already 1 February 01:00 in Tokyo: the 02:00 fire is an hour away.
        ZonedDateTime fire = next(tokyo, "2026-01-31T16:00:00Z");
        assertEquals(ZonedDateTime.parse("2026-02-01T02:00+09:00[Asia/Tokyo]"), fire);
        assertEquals(at("2026-01-31T17:00:00Z"), fire.toInstant());
        assertEquals(new BillingPeriod(2026, 1), tokyo.targetPeriod(fire));
    }

    @Test
    void tokyo_justAfterItsFire_waitsForNextMonth() {
        assertEquals(ZonedDateTime.parse("2026-03-01T02:00+09:00[Asia/Tokyo]"),
                next(SchedulePolicy.defaults(TOKYO), "2026-01-31T17:00:00Z"));
    }

    @Test
    void losAngeles_lateEveningFire_isTheNextUtcDay() {
        SchedulePolicy la = policy(28, 23, ZoneId.of("America/Los_Angeles"));
        ZonedDateTime fire = next(la, "2026-01-01T00:00:00Z");
        assertEquals(at("2026-01-29T07:00:00Z"), fire.toInstant());
        assertEquals(new BillingPeriod(2025, 12), la.targetPeriod(fire));
    }

    // --- daylight saving time ---

    @Test
    void springForwardGap_inNewYork_firesAtTheEndOfTheGap() {
        // 2026-03-08 02:00 does not exist in New York: clocks jump from 02:00 EST to 03:00 EDT.
        ZonedDateTime fire = next(policy(8, 2, NEW_YORK), "2026-03-01T00:00:00Z");
        assertEquals(ZonedDateTime.parse("2026-03-08T03:00-04:00[America/New_York]"), fire);
        assertEquals(at("2026-03-08T07:00:00Z"), fire.toInstant());
    }

    @Test
    void springForwardGap_inNewYork_nextFireAfterItIsNextMonthAtTheNormalHour() {
        assertEquals(ZonedDateTime.parse("2026-04-08T02:00-04:00[America/New_York]"),
                next(policy(8, 2, NEW_YORK), "2026-03-08T07:00:00Z"));
    }

    /** A fire time inside a gap fires at the gap's end, however long the gap and wherever in the day. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "half an hour: Lord Howe moves from +10:30 to +11:00 at 02:00 on 2026-10-04 | Australia/Lord_Howe | 4 | 2"
                    + " | 2026-09-10T00:00:00Z | 2026-10-04T02:30+11:00[Australia/Lord_Howe]",
            "at midnight: Chile skips 2026-09-06 00:00-01:00, so one am | America/Santiago | 6 | 0"
                    + " | 2026-09-01T00:00:00Z | 2026-09-06T01:00-03:00[America/Santiago]"})
    void springForwardGap_firesAtTheEndOfTheGap(String gap, String zone, int day, int hour, String after, String fire) {
        assertEquals(ZonedDateTime.parse(fire), next(policy(day, hour, ZoneId.of(zone)), after), gap);
    }

    @Test
    void springForwardGapOfTwoHours_firesAtTheEndOfTheGapNotTwoHoursAfterTheHour() {
        // Antarctica/Troll jumps from 01:00 (+00:00) to 03:00 (+02:00) on 2028-03-26; 02:00 lies inside.
        ZoneId troll = ZoneId.of("Antarctica/Troll");
        ZonedDateTime fire = next(policy(26, 2, troll), "2028-03-01T00:00:00Z");
        assertEquals(at("2028-03-26T01:00:00Z"), fire.toInstant());
        assertEquals(ZonedDateTime.parse("2028-03-26T03:00+02:00[Antarctica/Troll]"), fire);
    }

    @Test
    void fallBackAmbiguity_inNewYork_firesOnceAtTheEarlierOffset() {
        // 2026-11-01 01:00 happens twice in New York: 05:00Z (EDT) and 06:00Z (EST).
        SchedulePolicy policy = policy(1, 1, NEW_YORK);
        ZonedDateTime fire = next(policy, "2026-10-15T00:00:00Z");
        assertEquals(at("2026-11-01T05:00:00Z"), fire.toInstant());
        assertEquals(ZoneOffset.ofHours(-4), fire.getOffset());

        ZonedDateTime december = ZonedDateTime.parse("2026-12-01T01:00-05:00[America/New_York]");
        assertEquals(december, next(policy, "2026-11-01T05:00:00Z"));
        assertEquals(december, next(policy, "2026-11-01T05:30:00Z"));
        assertEquals(december, next(policy, "2026-11-01T06:00:00Z"));
    }

    @Test
    void fallBackAmbiguity_inBerlin_firesOnceAtTheEarlierOffset() {
        // 2026-10-25 02:00 happens twice in Berlin: 00:00Z (CEST) and 01:00Z (CET).
        SchedulePolicy policy = policy(25, 2, BERLIN);
        List<Instant> fires = fires(policy, at("2026-10-01T00:00:00Z"), at("2026-11-01T00:00:00Z"));
        assertEquals(List.of(at("2026-10-25T00:00:00Z")), fires);
    }

    @Test
    void fallBackAmbiguityAtMidnight_inSantiago_firesAtTheEarlierOffset() {
        // Chile repeats 2026-04-04 23:00-24:00 (-03:00, then -04:00).
        ZonedDateTime fire = next(policy(4, 23, ZoneId.of("America/Santiago")), "2026-04-01T00:00:00Z");
        assertEquals(ZoneOffset.ofHours(-3), fire.getOffset());
        assertEquals(at("2026-04-05T02:00:00Z"), fire.toInstant());
    }

    /** Walks fire after fire from {@code from} until {@code until}. */
    private static List<Instant> fires(SchedulePolicy policy, Instant from, Instant until) {
        List<Instant> fires = new ArrayList<>();
        Instant cursor = from;
        while (true) {
            Instant fire = policy.nextFireAfter(cursor).orElseThrow().toInstant();
            if (!fire.isBefore(until)) {
                return fires;
            }
            fires.add(fire);
            cursor = fire;
        }
    }

    @ParameterizedTest
    @CsvSource({
            "UTC, 1, 2", "America/New_York, 8, 2", "America/New_York, 1, 1", "Europe/Berlin, 25, 2",
            "Asia/Tokyo, 1, 0", "Australia/Lord_Howe, 4, 2", "America/Santiago, 6, 0",
            "America/Santiago, 4, 23", "Asia/Kathmandu, 28, 23", "Pacific/Kiritimati, 1, 0", "Pacific/Pago_Pago, 28, 23"})
    void everyZone_firesExactlyOncePerMonthForAYear(String zone, int day, int hour) {
        SchedulePolicy policy = policy(day, hour, ZoneId.of(zone));
        List<Instant> fires = fires(policy, at("2026-01-01T12:00:00Z"), at("2027-01-01T12:00:00Z"));
        assertEquals(12, fires.size(), fires::toString);
        List<BillingPeriod> targets = fires.stream().map(f -> policy.targetPeriod(f.atZone(UTC))).toList();
        assertEquals(12, targets.stream().distinct().count(), targets::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Lord_Howe",
            "America/Santiago", "Antarctica/Troll"})
    void nextFire_isStrictlyAfterAndNoFireIsSkipped(String zone) {
        SchedulePolicy policy = SchedulePolicy.defaults(ZoneId.of(zone));
        for (Instant after = at("2026-01-01T00:00:00Z"); after.isBefore(at("2027-01-01T00:00:00Z"));
                after = after.plus(Duration.ofMinutes(397))) {
            ZonedDateTime fire = policy.nextFireAfter(after).orElseThrow();
            assertTrue(fire.toInstant().isAfter(after), () -> "fire not after " + fire);
            assertTrue(Duration.between(after, fire.toInstant()).compareTo(Duration.ofDays(32)) < 0);
            assertEquals(fire, policy.nextFireAfter(fire.toInstant().minusNanos(1)).orElseThrow());
            assertEquals(1, fire.toLocalDate().getDayOfMonth());
        }
    }

    // --- target period ---

    @Test
    void januaryFireWithPreviousMonth_targetsDecemberOfYearBefore() {
        SchedulePolicy policy = SchedulePolicy.defaults(UTC);
        assertEquals(new BillingPeriod(2025, 12), policy.targetPeriod(ZonedDateTime.parse("2026-01-01T02:00Z")));
    }

    @Test
    void januaryFireWithoutPreviousMonth_targetsJanuary() {
        SchedulePolicy policy = SchedulePolicy.defaults(UTC).withPreviousMonth(false);
        assertEquals(new BillingPeriod(2026, 1), policy.targetPeriod(ZonedDateTime.parse("2026-01-01T02:00Z")));
    }

    @Test
    void targetPeriod_readsTheFireTimeInThePolicysZone() {
        SchedulePolicy tokyo = SchedulePolicy.defaults(TOKYO);
        // 1 February 02:00 in Tokyo, expressed in UTC, is still 31 January.
        ZonedDateTime inUtc = ZonedDateTime.parse("2026-01-31T17:00Z");
        assertEquals(new BillingPeriod(2026, 1), tokyo.targetPeriod(inUtc));
        assertEquals(new BillingPeriod(2026, 2), tokyo.withPreviousMonth(false).targetPeriod(inUtc));
        assertNotEquals(tokyo.targetPeriod(inUtc), SchedulePolicy.defaults(UTC).targetPeriod(inUtc));
    }

    @Test
    void targetPeriod_ofAFireComputedByThePolicy_isThePreviousMonth() {
        SchedulePolicy policy = SchedulePolicy.defaults(NEW_YORK).withDayOfMonth(8);
        ZonedDateTime march = next(policy, "2026-03-01T00:00:00Z");
        assertEquals(new BillingPeriod(2026, 2), policy.targetPeriod(march));
    }

    @Test
    void targetPeriod_beforeTheArchivesFirstPeriod_isRejected() {
        SchedulePolicy policy = SchedulePolicy.defaults(UTC);
        assertThrows(IllegalArgumentException.class,
                () -> policy.targetPeriod(ZonedDateTime.parse("2000-01-01T02:00Z")));
        assertEquals(new BillingPeriod(2000, 1), policy.targetPeriod(ZonedDateTime.parse("2000-02-01T02:00Z")));
    }

    @Test
    void nextFireAfterNull_isRejected() {
        assertThrows(NullPointerException.class, () -> SchedulePolicy.defaults(UTC).nextFireAfter(null));
    }
}
