package io.hivematrix.archive.adapter.quartz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.application.port.in.RunSnapshots;
import io.hivematrix.archive.domain.SchedulePolicy;
import io.hivematrix.archive.domain.SnapshotJob;
import io.hivematrix.archive.testkit.contract.ScheduleTriggerContract;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/** The monthly trigger in Quartz's clustered store on real PostgreSQL: follows the policy, fires once per cluster. */
class QuartzScheduleIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private PostgresDatabase database;
    private final List<QuartzSchedule> started = new CopyOnWriteArrayList<>();
    private final List<Instant> fired = new CopyOnWriteArrayList<>();
    /** When set, a scheduled run stays busy until it is counted down, like a run waiting on Ledger. */
    private volatile CountDownLatch holdRuns;

    @BeforeEach
    void database() {
        database = PostgresDatabase.connect(TestPostgres.newDatabase("quartz_" + UUID.randomUUID().toString().substring(0, 8)));
        database.migrate();
    }

    @AfterEach
    void stop() {
        started.forEach(QuartzSchedule::close);
        database.close();
    }

    @Test
    void theTriggerFollowsThePolicy_andAChangeAtOnce() throws Exception {
        SchedulePolicy policy = SchedulePolicy.defaults(BERLIN);
        QuartzSchedule schedule = start("one", policy);

        assertEquals(policy.nextFireAfter(Instant.now()).orElseThrow().toInstant(), schedule.nextFireTime());

        SchedulePolicy changed = policy.withDayOfMonth(28).withHour(23).withZone(ZoneId.of("America/New_York"));
        schedule.reschedule(changed);
        assertEquals(changed.nextFireAfter(Instant.now()).orElseThrow().toInstant(), schedule.nextFireTime());

        schedule.reschedule(changed.withEnabled(false));
        assertNull(schedule.nextFireTime());
        schedule.reschedule(changed);
        assertEquals(changed.nextFireAfter(Instant.now()).orElseThrow().toInstant(), schedule.nextFireTime());
    }

    @Test
    void anHourInADaylightSavingGap_stillFiresThatMonth_asTheDomainSays() throws Exception {
        // 02:00 on 8 March 2026 does not exist in New York; Quartz's cron would skip to April.
        ZoneId newYork = ZoneId.of("America/New_York");
        SchedulePolicy policy = SchedulePolicy.defaults(newYork).withDayOfMonth(8);
        Instant early = Instant.parse("2026-03-01T00:00:00Z");
        assertEquals(Instant.parse("2026-03-08T07:00:00Z"), policy.nextFireAfter(early).orElseThrow().toInstant());
        assertEquals(Instant.parse("2026-03-08T07:00:00Z"),
                QuartzSchedule.trigger(policy.nextFireAfter(early).orElseThrow().toInstant()).getStartTime().toInstant());
    }

    @Test
    void eachFirePlansTheNextMonth() throws Exception {
        QuartzSchedule schedule = start("planner", SchedulePolicy.defaults(BERLIN));
        scheduler(schedule).scheduleJob(soon("now", Instant.now().plusSeconds(1)));
        awaitFired(1, Duration.ofSeconds(20));
        assertEquals(SchedulePolicy.defaults(BERLIN).nextFireAfter(Instant.now()).orElseThrow().toInstant(),
                schedule.nextFireTime());
    }

    @Test
    void twoInstancesOnOneStore_fireADueTriggerOnce() throws Exception {
        QuartzSchedule a = start("a", SchedulePolicy.defaults(BERLIN));
        QuartzSchedule b = start("b", SchedulePolicy.defaults(BERLIN));
        Instant due = Instant.now().plusSeconds(2);
        scheduler(a).scheduleJob(soon("soon", due));

        awaitFired(1, Duration.ofSeconds(20));
        Thread.sleep(3_000); // a second fire would have happened by now
        assertEquals(1, fired.size());
        assertEquals(due.toEpochMilli() / 1000, fired.getFirst().toEpochMilli() / 1000,
                "the run is told the time it was planned for");
        assertTrue(scheduler(b).isStarted());
    }

    @Test
    void aFireMissedWhileEveryInstanceWasDown_runsOnceWhenOneComesBack() throws Exception {
        QuartzSchedule first = start("first", SchedulePolicy.defaults(BERLIN));
        Instant planned = Instant.now().plusSeconds(1);
        scheduler(first).scheduleJob(soon("missed", planned));
        first.close(); // everyone is down when it comes due
        started.remove(first);
        Thread.sleep(2_000);
        assertTrue(fired.isEmpty());

        start("back", SchedulePolicy.defaults(BERLIN));
        awaitFired(1, Duration.ofSeconds(30));
        Thread.sleep(2_000);
        assertEquals(1, fired.size());
        assertEquals(planned.toEpochMilli() / 1000, fired.getFirst().toEpochMilli() / 1000,
                "the caught-up run is for the planned time, so it archives the planned month");
    }

    @Test
    void pause_firesNothingMore_andTheScheduleNoLongerCountsAsRunning() throws Exception {
        QuartzSchedule schedule = start("paused", SchedulePolicy.defaults(BERLIN));
        assertTrue(schedule.isRunning());
        schedule.pause();
        assertFalse(schedule.isRunning(), "readiness reads this");
        scheduler(schedule).scheduleJob(soon("while-paused", Instant.now().plusSeconds(1)));
        Thread.sleep(3_000);
        assertTrue(fired.isEmpty(), "a paused schedule fires nothing");
    }

    @Test
    void close_waitsForTheFireInProgress() throws Exception {
        holdRuns = new CountDownLatch(1);
        QuartzSchedule schedule = start("busy", SchedulePolicy.defaults(BERLIN));
        scheduler(schedule).scheduleJob(soon("busy", Instant.now().plusSeconds(1)));
        awaitFired(1, Duration.ofSeconds(20));
        started.remove(schedule);
        Thread closing = Thread.ofPlatform().start(schedule::close);
        closing.join(Duration.ofMillis(500));
        assertTrue(closing.isAlive(), "the stop waits while the run is still asking Ledger");
        holdRuns.countDown();
        assertTrue(closing.join(Duration.ofSeconds(10)), "and ends once the run has");
        assertFalse(schedule.isRunning());
    }

    /** A one-off trigger for the monthly job, standing in for the cron fire that is weeks away. */
    private static Trigger soon(String name, Instant at) {
        return TriggerBuilder.newTrigger().withIdentity(name, "test").forJob(QuartzSchedule.JOB)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }

    private QuartzSchedule start(String name, SchedulePolicy policy) {
        return start(name, policy, java.time.Clock.systemUTC());
    }

    private QuartzSchedule start(String name, SchedulePolicy policy, java.time.Clock clock) {
        QuartzSchedule schedule = QuartzSchedule.start(database.dataSource(), new CountingRuns(), () -> policy,
                clock, name, Duration.ofSeconds(1));
        started.add(schedule);
        return schedule;
    }

    /** The Quartz trigger holds to the contract the recording fake does. */
    @Nested
    class Contract extends ScheduleTriggerContract {
        @Override
        protected Subject following(SchedulePolicy initial) {
            QuartzSchedule schedule = start("contract", initial, CLOCK);
            return new Subject(schedule, () -> Optional.ofNullable(schedule.nextFireTime()));
        }
    }

    private static Scheduler scheduler(QuartzSchedule schedule) throws Exception {
        var field = QuartzSchedule.class.getDeclaredField("scheduler");
        field.setAccessible(true);
        return (Scheduler) field.get(schedule);
    }

    private void awaitFired(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (fired.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(count, fired.size(), "fires seen");
    }

    /** Records each scheduled run it is asked for. */
    private final class CountingRuns implements RunSnapshots {
        @Override
        public SnapshotJob runScheduled(Instant scheduledFireTime) {
            fired.add(scheduledFireTime);
            CountDownLatch hold = holdRuns;
            if (hold != null) {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        }

        @Override
        public SnapshotJob start(RunRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SnapshotJob run(RunRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Plan plan(RunRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SnapshotJob> retry(UUID jobId, String triggeredBy) {
            throw new UnsupportedOperationException();
        }
    }
}
