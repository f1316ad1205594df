package io.hivematrix.archive.adapter.quartz;

import io.hivematrix.archive.application.port.in.RunSnapshots;
import io.hivematrix.archive.application.port.out.ScheduleTrigger;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * The monthly trigger: a Quartz trigger in a clustered JDBC job store on the archive's own PostgreSQL,
 * so with several instances each fire runs on exactly one, and a fire missed while all were down runs
 * once when one comes back. Fire times come from the domain's {@link SchedulePolicy} rather than a
 * Quartz cron expression, because Quartz's cron skips a whole month when the hour falls into a
 * daylight-saving gap; each fire plans the next one.
 */
public final class QuartzSchedule implements ScheduleTrigger, AutoCloseable {
    static final JobKey JOB = JobKey.jobKey("monthly-snapshots", "archive");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("monthly-snapshots", "archive");
    static final String SCHEDULE = "archive.schedule";
    private static final String DATA_SOURCE = "archive";

    private final Scheduler scheduler;
    private final Supplier<SchedulePolicy> currentPolicy;
    private final Clock clock;

    private QuartzSchedule(Scheduler scheduler, Supplier<SchedulePolicy> currentPolicy, Clock clock) {
        this.scheduler = scheduler;
        this.currentPolicy = currentPolicy;
        this.clock = clock;
    }

    /**
     * Starts this instance's member of the cluster and makes the trigger follow the stored policy.
     *
     * @param currentPolicy reads the policy as stored now (another instance may have changed it)
     * @param instanceName  a name unique to this process (Quartz uses it to tell cluster members apart)
     * @param checkin       how often members report alive; a silent member's fires are taken over after it
     */
    public static QuartzSchedule start(DataSource dataSource, RunSnapshots runs, Supplier<SchedulePolicy> currentPolicy,
                                       Clock clock, String instanceName, Duration checkin) {
        Objects.requireNonNull(runs, "runs");
        try {
            DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE,
                    new SharedPoolConnectionProvider(dataSource));
            StdSchedulerFactory factory = new StdSchedulerFactory(properties(instanceName, checkin));
            Scheduler scheduler = factory.getScheduler();
            // Quartz keeps a JVM-wide registry by scheduler name and would hand this same scheduler to the
            // next caller; each QuartzSchedule owns its own (several cluster members can share a JVM in tests).
            SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
            QuartzSchedule schedule = new QuartzSchedule(scheduler, currentPolicy, clock);
            scheduler.getContext().put(MonthlyRunJob.RUNS, runs);
            scheduler.getContext().put(SCHEDULE, schedule);
            schedule.follow(currentPolicy.get(), false);
            scheduler.start();
            return schedule;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the monthly schedule", e);
        }
    }

    private static Properties properties(String instanceName, Duration checkin) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "archive");
        p.setProperty("org.quartz.scheduler.instanceId", instanceName);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        // Fires on virtual threads: Quartz's SimpleThreadPool would keep two workers waking twice a second, idle.
        p.setProperty("org.quartz.threadPool.class", VirtualThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkin.toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        // Job data as properties text, never Java serialization: Helidon's JVM-wide deserialization filter
        // rejects Quartz's serialized maps (the trigger then never fires), and the job carries no data (V10).
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        return p;
    }

    @Override
    public void reschedule(SchedulePolicy policy) {
        try {
            follow(policy, true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not reschedule the monthly run", e);
        }
    }

    /** Called by the firing job before it runs: plans the fire after this one from the stored policy. */
    void planNextAfter(Instant fired) throws SchedulerException {
        SchedulePolicy policy = currentPolicy.get();
        Instant from = fired.isAfter(clock.instant()) ? fired : clock.instant();
        Optional<ZonedDateTime> next = policy.nextFireAfter(from);
        if (next.isEmpty()) {
            scheduler.unscheduleJob(TRIGGER);
            return;
        }
        place(trigger(next.get().toInstant()));
    }

    /**
     * Makes the stored trigger match the policy. At start-up a trigger that already fires when the policy
     * says, or whose fire was missed while every instance was down, is left alone: replacing it would
     * forget that missed fire, which Quartz runs once on its own.
     */
    private void follow(SchedulePolicy policy, boolean changed) throws SchedulerException {
        Optional<ZonedDateTime> next = policy.nextFireAfter(clock.instant());
        if (next.isEmpty()) {
            scheduler.unscheduleJob(TRIGGER);
            return;
        }
        Instant wanted = next.get().toInstant();
        Trigger current = scheduler.getTrigger(TRIGGER);
        if (!changed && current != null && current.getNextFireTime() != null) {
            Instant planned = current.getNextFireTime().toInstant();
            if (planned.equals(wanted) || planned.isBefore(clock.instant())) {
                return;
            }
        }
        place(trigger(wanted));
    }

    private void place(Trigger trigger) throws SchedulerException {
        if (!scheduler.checkExists(JOB)) {
            JobDetail job = JobBuilder.newJob(MonthlyRunJob.class).withIdentity(JOB).storeDurably().build();
            scheduler.addJob(job, true);
        }
        if (scheduler.checkExists(TRIGGER)) {
            scheduler.rescheduleJob(TRIGGER, trigger);
        } else {
            scheduler.scheduleJob(trigger);
        }
    }

    static Trigger trigger(Instant at) {
        return TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB).startAt(Date.from(at))
                // Missed while every instance was down: fire once, now, for the planned time.
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }

    /** When the stored trigger fires next, or null when the schedule is off. */
    public Instant nextFireTime() {
        try {
            Trigger current = scheduler.getTrigger(TRIGGER);
            return current == null || current.getNextFireTime() == null ? null
                    : current.getNextFireTime().toInstant();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fires nothing more (shutdown has begun); a fire already running goes on. */
    public void pause() {
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not pause the monthly schedule", e);
        }
    }

    /** Whether the scheduler is started and neither paused nor shut down: the readiness check's question. */
    public boolean isRunning() {
        try {
            return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Stops the scheduler, waiting for a fire that is running (the run stops asking new companies first). */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not stop the monthly schedule", e);
        }
    }
}
