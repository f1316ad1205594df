package io.hivematrix.archive.adapter.quartz;

import io.hivematrix.archive.application.port.in.RunSnapshots;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** What the monthly trigger fires: the scheduled run for the fire time it was planned for. */
@DisallowConcurrentExecution
public final class MonthlyRunJob implements Job {
    static final String RUNS = "archive.runSnapshots";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            RunSnapshots runs = (RunSnapshots) context.getScheduler().getContext().get(RUNS);
            QuartzSchedule schedule = (QuartzSchedule) context.getScheduler().getContext().get(QuartzSchedule.SCHEDULE);
            java.time.Instant planned = context.getScheduledFireTime().toInstant();
            // Plan the next month first, so a run that fails cannot leave the schedule without a next fire.
            schedule.planNextAfter(planned);
            // The planned time, not now: a fire caught up after downtime still archives its own month.
            runs.runScheduled(planned);
        } catch (SchedulerException | RuntimeException e) {
            throw new JobExecutionException("scheduled snapshot run failed", e, false);
        }
    }
}
