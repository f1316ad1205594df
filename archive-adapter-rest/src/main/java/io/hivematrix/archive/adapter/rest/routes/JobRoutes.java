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
import io.hivematrix.archive.adapter.rest.security.Caller;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.ListJobs;
import io.hivematrix.archive.application.port.in.RunSnapshots;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The monthly run's jobs over HTTP: list them, read one, retry one, start a bulk run. */
public final class JobRoutes implements HttpService {
    /**
     * The most accounts one bulk run may name. Each is looked up in Codex before the 202 is sent; past this many, ask
     * for every company (null) instead.
     */
    static final int MAX_BULK_ACCOUNTS = 1_000;

    private final ListJobs jobs;
    private final RunSnapshots runs;
    private final Set<String> writers;

    public JobRoutes(ListJobs jobs, RunSnapshots runs, Set<String> writers) {
        this.jobs = jobs;
        this.runs = runs;
        this.writers = writers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/scheduler/jobs", Access.READ.guard(writers, this::list))
                .any("/api/scheduler/jobs", Problems.methodNotAllowed("GET"))
                .get("/api/scheduler/jobs/{id}", Access.READ.guard(writers, this::job))
                .any("/api/scheduler/jobs/{id}", Problems.methodNotAllowed("GET"))
                .post("/api/scheduler/jobs/{id}/retry", Access.ADMIN.guard(writers, this::retry))
                .any("/api/scheduler/jobs/{id}/retry", Problems.methodNotAllowed("POST"))
                .post("/api/snapshots/bulk/create", Access.ADMIN.guard(writers, this::bulk))
                .any("/api/snapshots/bulk/create", Problems.methodNotAllowed("POST"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        QueryParams query = new QueryParams(req.query());
        int limit = Math.min(100, query.wholeNumber("limit", 50, 1));
        int offset = query.wholeNumber("offset", 0, 0);
        if (!query.errors().isEmpty()) {
            Problems.invalid(req, res, ProblemType.INVALID_PARAMETERS, query.errors());
            return;
        }
        noStore(res, Status.OK_200, Map.of("jobs", jobs.list(limit, offset).stream().map(JobViews::summary).toList()));
    }

    private void job(ServerRequest req, ServerResponse res) {
        Optional<SnapshotJob> job = jobId(req).flatMap(jobs::find);
        if (job.isEmpty()) {
            Problems.send(req, res, ProblemType.JOB_NOT_FOUND, "Job not found");
            return;
        }
        noStore(res, Status.OK_200, JobViews.detail(job.get()));
    }

    private void retry(ServerRequest req, ServerResponse res) {
        Optional<SnapshotJob> started = jobId(req).flatMap(id -> runs.retry(id, Caller.required(req).principal()));
        if (started.isEmpty()) {
            Problems.send(req, res, ProblemType.JOB_NOT_FOUND, "Job not found");
            return;
        }
        noStore(res, Status.ACCEPTED_202, Map.of("message", "Retry job started", "job_id",
                started.get().id().toString()));
    }

    private void bulk(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonFields.object(req, res);
        if (body == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        Integer year = JsonFields.required(body, "year", BillingPeriod::requireYear, errors);
        Integer month = JsonFields.required(body, "month", BillingPeriod::requireMonth, errors);
        List<AccountNumber> accounts = accounts(body.get("account_numbers"), errors);
        String notes = JsonFields.text(body, "notes", errors);
        if (!errors.isEmpty()) {
            Problems.invalid(req, res, ProblemType.INVALID_BULK_REQUEST, errors);
            return;
        }
        SnapshotJob job = runs.start(new RunSnapshots.RunRequest(JobType.BULK, new BillingPeriod(year, month),
                accounts, Caller.required(req).principal(), notes));
        noStore(res, Status.ACCEPTED_202, Map.of("message", "Bulk snapshot job started", "job_id", job.id().toString()));
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

    private static Optional<UUID> jobId(ServerRequest req) {
        try {
            return Optional.of(UUID.fromString(req.path().pathParameters().get("id")));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // no job can have a malformed id
        }
    }

    /** Job and schedule answers change from one moment to the next: never cached. */
    private static void noStore(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponses.send(res, body);
    }
}
