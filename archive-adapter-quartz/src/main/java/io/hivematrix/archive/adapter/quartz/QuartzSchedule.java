package io.hivematrix.archive.adapter.quartz;

import io.hivematrix.archive.application.port.in.RunSnapshots;
import io.hivematrix.archive.application.port.out.ScheduleTrigger;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * The monthly trigger: a Quartz cron trigger in a clustered JDBC job store on the archive's own
 * PostgreSQL, so with several instances each fire runs on exactly one, and a fire missed while all
 * were down runs once when one comes back. Follows a changed policy at once.
 */
public final class QuartzSchedule implements ScheduleTrigger, AutoCloseable {
    static final JobKey JOB = JobKey.jobKey("monthly-snapshots", "archive");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("monthly-snapshots", "archive");
    private static final String DATA_SOURCE = "archive";

    private final Scheduler scheduler;

    private QuartzSchedule(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts this instance's member of the cluster and makes the trigger follow {@code policy}.
     *
     * @param instanceName a name unique to this process (Quartz uses it to tell cluster members apart)
     * @param checkin      how often members report alive; a silent member's fires are taken over after it
     */
    public static QuartzSchedule start(DataSource dataSource, RunSnapshots runs, SchedulePolicy policy,
                                       String instanceName, Duration checkin) {
        Objects.requireNonNull(runs, "runs");
        try {
            DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE,
                    new SharedPoolConnectionProvider(dataSource));
            StdSchedulerFactory factory = new StdSchedulerFactory(properties(instanceName, checkin));
            Scheduler scheduler = factory.getScheduler();
            // Quartz keeps a JVM-wide registry by scheduler name and would hand this same scheduler to the
            // next caller; each QuartzSchedule owns its own (several cluster members can share a JVM in tests).
            SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
            scheduler.getContext().put(MonthlyRunJob.RUNS, runs);
            QuartzSchedule schedule = new QuartzSchedule(scheduler);
            schedule.follow(policy, false);
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
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkin.toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
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

    /**
     * Makes the stored trigger match the policy. At start-up an identical trigger is left alone, since
     * replacing it would forget a fire that was missed while every instance was down.
     */
    private void follow(SchedulePolicy policy, boolean changed) throws SchedulerException {
        if (!policy.enabled()) {
            scheduler.unscheduleJob(TRIGGER);
            return;
        }
        CronTrigger wanted = trigger(policy);
        Trigger current = scheduler.getTrigger(TRIGGER);
        if (current instanceof CronTrigger cron && cron.getCronExpression().equals(wanted.getCronExpression())
                && cron.getTimeZone().getID().equals(wanted.getTimeZone().getID()) && !changed) {
            return;
        }
        if (!scheduler.checkExists(JOB)) {
            JobDetail job = JobBuilder.newJob(MonthlyRunJob.class).withIdentity(JOB).storeDurably().build();
            scheduler.addJob(job, true);
        }
        if (current == null) {
            scheduler.scheduleJob(wanted);
        } else {
            scheduler.rescheduleJob(TRIGGER, wanted);
        }
    }

    static CronTrigger trigger(SchedulePolicy policy) {
        return TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB)
                .withSchedule(CronScheduleBuilder.monthlyOnDayAndHourAndMinute(policy.dayOfMonth(), policy.hour(), 0)
                        .inTimeZone(TimeZone.getTimeZone(policy.zone()))
                        // Missed while every instance was down: fire once, now, for the planned time.
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    /** When the stored trigger fires next, or null when the schedule is off. */
    public java.time.Instant nextFireTime() {
        try {
            Trigger current = scheduler.getTrigger(TRIGGER);
            return current == null || current.getNextFireTime() == null ? null
                    : current.getNextFireTime().toInstant();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not stop the monthly schedule", e);
        }
    }
}
