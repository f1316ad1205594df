package io.hivematrix.archive.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.http.JsonResponses;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.adapter.rest.security.Access;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.ManageSchedule;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/scheduler/config}: the monthly run's schedule, read and changed by an admin. */
public final class ScheduleRoutes implements HttpService {
    private final ManageSchedule schedule;
    private final Set<String> writers;

    public ScheduleRoutes(ManageSchedule schedule, Set<String> writers) {
        this.schedule = schedule;
        this.writers = writers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/scheduler/config", Access.ADMIN.guard(writers, this::config))
                .post("/api/scheduler/config", Access.ADMIN.guard(writers, this::updateConfig))
                .any("/api/scheduler/config", Problems.methodNotAllowed("GET", "POST"));
    }

    private void config(ServerRequest req, ServerResponse res) {
        noStore(res, Status.OK_200, JobViews.config(schedule.current()));
    }

    private void updateConfig(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonFields.object(req, res);
        if (body == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        ManageSchedule.Update update = new ManageSchedule.Update(JsonFields.bool(body, "enabled", errors),
                JsonFields.integer(body, "day_of_month", errors), JsonFields.integer(body, "hour", errors),
                JsonFields.bool(body, "snapshot_previous_month", errors), JsonFields.bool(body, "snapshot_all_companies", errors),
                JsonFields.text(body, "timezone", errors));
        if (!errors.isEmpty()) {
            // The use case is not asked while a field is mistyped: name the others' range errors here, all in one 400.
            rangeErrors(update, errors);
            Problems.invalid(req, res, ProblemType.INVALID_SCHEDULE, errors);
            return;
        }
        switch (schedule.update(update)) {
            case ManageSchedule.UpdateResult.Updated updated -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("message", "Scheduler configuration updated");
                out.putAll(JobViews.config(updated.now()));
                noStore(res, Status.OK_200, out);
            }
            case ManageSchedule.UpdateResult.Invalid invalid ->
                    Problems.invalid(req, res, ProblemType.INVALID_SCHEDULE, invalid.errors());
        }
    }

    /** The ranges {@link ManageSchedule#update} would refuse, for the fields that are at least of the right type. */
    private static void rangeErrors(ManageSchedule.Update update, List<FieldError> errors) {
        if (update.dayOfMonth() != null) {
            try {
                SchedulePolicy.requireDayOfMonth(update.dayOfMonth());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("day_of_month", e.getMessage()));
            }
        }
        if (update.hour() != null) {
            try {
                SchedulePolicy.requireHour(update.hour());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("hour", e.getMessage()));
            }
        }
        if (update.timezone() != null) {
            try {
                ZoneId.of(update.timezone());
            } catch (DateTimeException e) {
                errors.add(new FieldError("timezone", "must be an IANA time zone such as Europe/Berlin"));
            }
        }
    }

    /** Job and schedule answers change from one moment to the next: never cached. */
    private static void noStore(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponses.send(res, body);
    }
}
