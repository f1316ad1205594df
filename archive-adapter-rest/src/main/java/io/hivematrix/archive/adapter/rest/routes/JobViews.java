package io.hivematrix.archive.adapter.rest.routes;

import io.hivematrix.archive.application.port.in.ManageSchedule;
import io.hivematrix.archive.domain.CompanyOutcome;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of jobs and of the schedule, with the original service's field names. */
public final class JobViews {
    /** Local time in the schedule's zone with a numeric offset, e.g. 2026-12-01T02:00:00+01:00. */
    private static final java.time.format.DateTimeFormatter NEXT_RUN =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private JobViews() {
    }

    static Map<String, Object> summary(SnapshotJob job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", job.id().toString());
        out.put("job_type", job.type().code());
        out.put("status", job.status().code());
        out.put("target_year", job.target().year());
        out.put("target_month", job.target().month());
        out.put("total_companies", job.totalCompanies());
        out.put("completed_companies", job.completedCompanies());
        out.put("started_at", time(job.startedAt()));
        out.put("completed_at", time(job.completedAt()));
        out.put("success", job.success());
        out.put("triggered_by", job.triggeredBy());
        out.put("success_count", job.successCount());
        out.put("failed_count", job.failedCount());
        return out;
    }

    static Map<String, Object> detail(SnapshotJob job) {
        Map<String, Object> out = summary(job);
        List<Map<String, Object>> errors = job.outcomes().stream().filter(o -> !o.success())
                .map(o -> Map.<String, Object>of("account_number", o.account().value(),
                        "error", o.detail() == null ? "" : o.detail()))
                .toList();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("success_count", job.successCount());
        output.put("failed_count", job.failedCount());
        output.put("errors", errors);
        out.put("output", output);
        out.put("error", job.error());
        out.put("companies", job.outcomes().stream().map(JobViews::company).toList());
        return out;
    }

    private static Map<String, Object> company(CompanyOutcome o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account_number", o.account().value());
        out.put("company_name", o.companyName());
        out.put("success", o.success());
        out.put("detail", o.detail());
        out.put("attempts", o.attempts());
        out.put("http_status", o.httpStatus());
        out.put("invoice_number", o.invoiceNumber());
        out.put("started_at", time(o.startedAt()));
        out.put("finished_at", time(o.finishedAt()));
        return out;
    }

    static Map<String, Object> config(ManageSchedule.Current current) {
        var c = current.config();
        var p = c.policy();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("id", 1);
        config.put("enabled", p.enabled());
        config.put("day_of_month", p.dayOfMonth());
        config.put("hour", p.hour());
        config.put("snapshot_previous_month", p.previousMonth());
        config.put("snapshot_all_companies", p.allCompanies());
        config.put("last_run_at", time(c.lastRunAt()));
        config.put("last_run_status", c.lastRunStatus());
        config.put("last_run_count", c.lastRunCount());
        config.put("timezone", p.zone().getId());
        config.put("next_run_at", current.nextRunAt() == null ? null : NEXT_RUN.format(current.nextRunAt()));
        return Map.of("config", config);
    }

    private static String time(Instant instant) {
        return instant == null ? null : SnapshotView.timestamp(instant);
    }
}
