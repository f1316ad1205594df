package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hivematrix.archive.application.port.out.ScheduleStore;
import io.hivematrix.archive.domain.ScheduleConfig;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ScheduleStore} must do; run against the in-memory fake and against PostgreSQL. */
abstract class ScheduleStoreContract {
    protected static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    protected static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Microsecond times, as PostgreSQL keeps them. */
    protected static final Instant RAN_AT = Instant.parse("2025-11-01T01:03:07.654321Z");

    protected ScheduleStore store;

    /** A store holding nothing but the defaults. */
    protected abstract ScheduleStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    @Test
    void untouched_itIsTheDefaults_inTheGivenZone_withoutALastRun() {
        ScheduleConfig config = store.load(TOKYO);

        assertEquals(new SchedulePolicy(true, 1, 2, TOKYO, true, true), config.policy());
        assertEquals(SchedulePolicy.defaults(ZoneOffset.UTC), store.load(ZoneOffset.UTC).policy(),
                "no zone is stored until a policy is saved");
        assertNull(config.lastRunAt());
        assertNull(config.lastRunStatus());
        assertNull(config.lastRunCount());
    }

    @Test
    void savedPolicy_loadsBackExactly_withItsOwnZone() {
        SchedulePolicy policy = new SchedulePolicy(false, 28, 23, BERLIN, false, false);

        store.save(policy);

        assertEquals(policy, store.load(TOKYO).policy(), "a stored zone wins over the default");
        SchedulePolicy changed = policy.withEnabled(true).withDayOfMonth(15).withHour(0)
                .withZone(ZoneId.of("America/Argentina/ComodRivadavia")).withPreviousMonth(true);
        store.save(changed);
        assertEquals(changed, store.load(TOKYO).policy());
        store.save(changed.withZone(ZoneOffset.ofHours(5)));
        assertEquals(changed.withZone(ZoneOffset.ofHours(5)), store.load(TOKYO).policy());
    }

    @Test
    void recordRun_keepsTheLastRun_andLeavesThePolicyAlone() {
        SchedulePolicy policy = SchedulePolicy.defaults(BERLIN).withHour(4);
        store.save(policy);

        store.recordRun(RAN_AT, "partial", 37);

        ScheduleConfig config = store.load(TOKYO);
        assertEquals(policy, config.policy());
        assertEquals(RAN_AT, config.lastRunAt());
        assertEquals("partial", config.lastRunStatus());
        assertEquals(37, config.lastRunCount());

        store.recordRun(RAN_AT.plusSeconds(86_400), "completed", 0);
        config = store.load(TOKYO);
        assertEquals(new ScheduleConfig(policy, RAN_AT.plusSeconds(86_400), "completed", 0), config);
    }

    @Test
    void savingThePolicy_keepsTheLastRun() {
        store.recordRun(RAN_AT, "failed", 0);

        store.save(SchedulePolicy.defaults(BERLIN).withEnabled(false));

        assertEquals(new ScheduleConfig(SchedulePolicy.defaults(BERLIN).withEnabled(false), RAN_AT, "failed", 0),
                store.load(TOKYO));
    }

    @Test
    void recordRun_refusesWhatIsNoEndOfARun() {
        assertThrows(IllegalArgumentException.class, () -> store.recordRun(RAN_AT, "running", 1));
        assertThrows(IllegalArgumentException.class, () -> store.recordRun(RAN_AT, "success", 1));
        assertThrows(IllegalArgumentException.class, () -> store.recordRun(RAN_AT, "completed", -1));
        assertThrows(RuntimeException.class, () -> store.recordRun(null, "completed", 1));

        assertNull(store.load(TOKYO).lastRunStatus(), "nothing was recorded");
    }
}
