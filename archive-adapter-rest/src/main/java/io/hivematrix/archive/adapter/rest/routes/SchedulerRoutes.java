package io.hivematrix.archive.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.adapter.rest.security.Access;
import io.hivematrix.archive.adapter.rest.security.Caller;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.ListJobs;
import io.hivematrix.archive.application.port.in.ManageSchedule;
import io.hivematrix.archive.application.port.in.RunSnapshots;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SchedulePolicy;
import io.hivematrix.archive.domain.SnapshotJob;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntUnaryOperator;

/** The monthly run over HTTP: the schedule's configuration, the jobs, bulk runs and retries. */
public final class SchedulerRoutes implements HttpService {
    private static final int MAX_BODY = 1024 * 1024;
    /**
     * The most accounts one bulk run may name. Each is looked up in Codex before the 202 is sent; past this many, ask
     * for every company (null) instead.
     */
    static final int MAX_BULK_ACCOUNTS = 1_000;

    private final ManageSchedule schedule;
    private final ListJobs jobs;
    private final RunSnapshots runs;
    private final Set<String> writers;

    public SchedulerRoutes(ManageSchedule schedule, ListJobs jobs, RunSnapshots runs, Set<String> writers) {
        this.schedule = schedule;
        this.jobs = jobs;
        this.runs = runs;
        this.writers = writers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/scheduler/config", Access.ADMIN.guard(writers, this::config))
                .post("/api/scheduler/config", Access.ADMIN.guard(writers, this::updateConfig))
                .any("/api/scheduler/config", Problems.methodNotAllowed("GET", "POST"))
                .get("/api/scheduler/jobs", Access.READ.guard(writers, this::list))
                .any("/api/scheduler/jobs", Problems.methodNotAllowed("GET"))
                .get("/api/scheduler/jobs/{id}", Access.READ.guard(writers, this::job))
                .any("/api/scheduler/jobs/{id}", Problems.methodNotAllowed("GET"))
                .post("/api/scheduler/jobs/{id}/retry", Access.ADMIN.guard(writers, this::retry))
                .any("/api/scheduler/jobs/{id}/retry", Problems.methodNotAllowed("POST"))
                .post("/api/snapshots/bulk/create", Access.ADMIN.guard(writers, this::bulk))
                .any("/api/snapshots/bulk/create", Problems.methodNotAllowed("POST"));
    }

    private void config(ServerRequest req, ServerResponse res) {
        sendJson(res, Status.OK_200, JobViews.config(schedule.current()));
    }

    private void updateConfig(ServerRequest req, ServerResponse res) {
        JsonNode body = body(req, res);
        if (body == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        ManageSchedule.Update update = new ManageSchedule.Update(bool(body, "enabled", errors),
                integer(body, "day_of_month", errors), integer(body, "hour", errors),
                bool(body, "snapshot_previous_month", errors), bool(body, "snapshot_all_companies", errors),
                text(body, "timezone", errors));
        if (!errors.isEmpty()) {
            // The use case is not asked while a field is mistyped: name the others' range errors here, all in one 400.
            rangeErrors(update, errors);
            Problems.invalid(req, res, "invalid-schedule", "Invalid scheduler configuration", errors);
            return;
        }
        switch (schedule.update(update)) {
            case ManageSchedule.UpdateResult.Updated updated -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("message", "Scheduler configuration updated");
                out.putAll(JobViews.config(updated.now()));
                sendJson(res, Status.OK_200, out);
            }
            case ManageSchedule.UpdateResult.Invalid invalid ->
                    Problems.invalid(req, res, "invalid-schedule", "Invalid scheduler configuration", invalid.errors());
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<FieldError> errors = new ArrayList<>();
        int limit = Math.min(100, queryInt(req, "limit", 50, 1, errors));
        int offset = queryInt(req, "offset", 0, 0, errors);
        if (!errors.isEmpty()) {
            Problems.invalid(req, res, "invalid-parameters", "Invalid query parameters", errors);
            return;
        }
        sendJson(res, Status.OK_200, Map.of("jobs", jobs.list(limit, offset).stream().map(JobViews::summary).toList()));
    }

    private void job(ServerRequest req, ServerResponse res) {
        Optional<SnapshotJob> job = jobId(req).flatMap(jobs::find);
        if (job.isEmpty()) {
            Problems.send(req, res, Status.NOT_FOUND_404, "job-not-found", "Job not found", "Job not found");
            return;
        }
        sendJson(res, Status.OK_200, JobViews.detail(job.get()));
    }

    private void retry(ServerRequest req, ServerResponse res) {
        Optional<SnapshotJob> started = jobId(req).flatMap(id -> runs.retry(id, Caller.required(req).principal()));
        if (started.isEmpty()) {
            Problems.send(req, res, Status.NOT_FOUND_404, "job-not-found", "Job not found", "Job not found");
            return;
        }
        sendJson(res, Status.ACCEPTED_202, Map.of("message", "Retry job started", "job_id",
                started.get().id().toString()));
    }

    private void bulk(ServerRequest req, ServerResponse res) {
        JsonNode body = body(req, res);
        if (body == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        Integer year = required(body, "year", BillingPeriod::requireYear, errors);
        Integer month = required(body, "month", BillingPeriod::requireMonth, errors);
        List<AccountNumber> accounts = accounts(body.get("account_numbers"), errors);
        String notes = text(body, "notes", errors);
        if (!errors.isEmpty()) {
            Problems.invalid(req, res, "invalid-bulk-request", "Invalid bulk request", errors);
            return;
        }
        SnapshotJob job = runs.start(new RunSnapshots.RunRequest(JobType.BULK, new BillingPeriod(year, month),
                accounts, Caller.required(req).principal(), notes));
        sendJson(res, Status.ACCEPTED_202, Map.of("message", "Bulk snapshot job started", "job_id", job.id().toString()));
    }

    private static List<AccountNumber> accounts(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("account_numbers", "must be an array of account numbers or null"));
            return null;
        }
        if (node.size() > MAX_BULK_ACCOUNTS) {
            // Before any account is looked at, so a long list costs neither an error each nor a Codex call each.
            errors.add(new FieldError("account_numbers", "must name at most " + MAX_BULK_ACCOUNTS
                    + " accounts, or be null for all"));
            return null;
        }
        List<AccountNumber> accounts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            try {
                accounts.add(new AccountNumber(value.isIntegralNumber() ? value.bigIntegerValue().toString()
                        : value.isTextual() ? value.textValue() : null));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("account_numbers[" + i + "]", e.getMessage()));
            }
        }
        if (node.isEmpty()) {
            errors.add(new FieldError("account_numbers", "must name at least one account, or be null for all"));
        }
        return accounts;
    }

    private static JsonNode body(ServerRequest req, ServerResponse res) {
        try {
            byte[] bytes = req.content().inputStream().readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                Problems.send(req, res, Status.REQUEST_ENTITY_TOO_LARGE_413, "body-too-large",
                        "Request body too large", "Request body exceeds " + MAX_BODY + " bytes");
                return null;
            }
            JsonNode node = bytes.length == 0 ? null : Json.read(bytes);
            if (node == null || !node.isObject()) {
                throw new IOException("not an object");
            }
            return node;
        } catch (IOException e) {
            Problems.send(req, res, Status.BAD_REQUEST_400, "malformed-body", "Malformed request body",
                    "Request body must be a JSON object");
            return null;
        }
    }

    /** A whole number that must be present and pass {@code check}; null, with an error naming it, otherwise. */
    private static Integer required(JsonNode body, String name, IntUnaryOperator check, List<FieldError> errors) {
        int before = errors.size();
        Integer value = integer(body, name, errors);
        if (value == null) {
            if (errors.size() == before) {
                errors.add(new FieldError(name, "is required"));
            }
            return null;
        }
        try {
            return check.applyAsInt(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, e.getMessage()));
            return null;
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

    private static Boolean bool(JsonNode body, String name, List<FieldError> errors) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            errors.add(new FieldError(name, "must be true or false"));
            return null;
        }
        return v.booleanValue();
    }

    private static Integer integer(JsonNode body, String name, List<FieldError> errors) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            errors.add(new FieldError(name, "must be a whole number"));
            return null;
        }
        return v.intValue();
    }

    private static String text(JsonNode body, String name, List<FieldError> errors) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.textValue().length() > 255) {
            errors.add(new FieldError(name, "must be a string of at most 255 characters"));
            return null;
        }
        return v.textValue();
    }

    private static int queryInt(ServerRequest req, String name, int fallback, int min, List<FieldError> errors) {
        String value = req.query().first(name).orElse("");
        if (value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be a whole number of at least " + min));
            return fallback;
        }
    }

    private static Optional<UUID> jobId(ServerRequest req) {
        try {
            return Optional.of(UUID.fromString(req.path().pathParameters().get("id")));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // no job can have a malformed id
        }
    }

    private static void sendJson(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.write(body));
    }
}
