package io.hivematrix.archive.adapter.rest.routes;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.http.JsonResponses;
import io.hivematrix.archive.adapter.rest.observe.CorrelationId;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.adapter.rest.security.Access;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.PageRequest;
import io.hivematrix.archive.application.port.in.ReadSnapshots;
import io.hivematrix.archive.application.port.in.SearchSnapshots;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.SnapshotFilter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lists of snapshots: search with filters and paging, one company's history, the totals, and the CSV export. */
public final class SearchRoutes implements HttpService {
    private static final System.Logger LOG = System.getLogger(SearchRoutes.class.getName());

    private final SearchSnapshots search;
    private final ReadSnapshots read;
    private final ExportGate exports;
    private final Set<String> writers;

    public SearchRoutes(SearchSnapshots search, ReadSnapshots read, ExportLimits exportLimits, Set<String> writers) {
        this.search = search;
        this.read = read;
        this.exports = new ExportGate(exportLimits);
        this.writers = writers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/snapshots/search", Access.READ.guard(writers, this::search))
                .any("/api/snapshots/search", Problems.methodNotAllowed("GET"))
                .get("/api/snapshots/export.csv", Access.READ.guard(writers, this::export))
                .any("/api/snapshots/export.csv", Problems.methodNotAllowed("GET"))
                .get("/api/snapshots/company/{account}", Access.READ.guard(writers, this::company))
                .any("/api/snapshots/company/{account}", Problems.methodNotAllowed("GET"))
                .get("/api/snapshots/totals", Access.READ.guard(writers, this::totals))
                .any("/api/snapshots/totals", Problems.methodNotAllowed("GET"));
    }

    private void search(ServerRequest req, ServerResponse res) {
        QueryParams params = new QueryParams(req.query());
        SnapshotFilter filter = params.filter();
        PageRequest page = params.page();
        if (!params.errors().isEmpty()) {
            badParameters(req, res, params.errors());
            return;
        }
        SearchSnapshots.SearchResult result = search.search(filter, page);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", result.total());
        // "eq": total is exact; "gte": at least that many match (counting stops there, see SearchSnapshotsService).
        body.put("total_relation", result.totalExact() ? "eq" : "gte");
        body.put("limit", result.limit());
        body.put("offset", result.offset());
        body.put("results", result.results().stream().map(SummaryViews.SearchHit::from).toList());
        body.put("next_cursor", result.nextCursor() == null ? null : result.nextCursor().encode());
        JsonResponses.send(res, body);
    }

    private void company(ServerRequest req, ServerResponse res) {
        QueryParams params = new QueryParams(req.query());
        PageRequest page = params.page();
        AccountNumber account = null;
        try {
            account = new AccountNumber(req.path().pathParameters().get("account"));
        } catch (IllegalArgumentException e) {
            params.errors().add(new FieldError("account_number", e.getMessage()));
        }
        if (page != null && page.cursor() != null) {
            params.errors().add(new FieldError("cursor", "company history pages by offset"));
        }
        if (!params.errors().isEmpty()) {
            badParameters(req, res, params.errors());
            return;
        }
        ReadSnapshots.CompanyHistory history = read.history(account, page.limit(), page.offset());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("company_account_number", account.value());
        body.put("company_name", history.companyName());
        body.put("total_snapshots", history.total());
        body.put("limit", page.limit());
        body.put("offset", page.offset());
        body.put("snapshots", history.snapshots().stream().map(SummaryViews.CompanyEntry::from).toList());
        JsonResponses.send(res, body);
    }

    private void totals(ServerRequest req, ServerResponse res) {
        ReadSnapshots.Totals totals = read.totals();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("snapshots", totals.snapshots());
        body.put("companies", totals.companies());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponses.send(res, body);
    }

    private void export(ServerRequest req, ServerResponse res) throws Exception {
        QueryParams params = new QueryParams(req.query());
        SnapshotFilter filter = params.filter();
        if (!params.errors().isEmpty()) {
            badParameters(req, res, params.errors());
            return;
        }
        ExportGate.Slot slot = exports.tryEnter();
        if (slot == null) {
            tooManyExports(req, res);
            return;
        }
        try (slot) {
            res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"archive-snapshots.csv\"");
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            // Rows go to the socket as the database cursor yields them: memory stays flat at any size.
            try (OutputStream out = slot.watch(res.outputStream());
                 var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
                 ExportCsv csv = new ExportCsv(writer)) {
                search.export(filter, csv::write);
            } catch (RuntimeException | IOException e) {
                if (!slot.cutOff()) {
                    throw e;
                }
                // By now the export's transaction has ended and its connection is back in the pool. The response
                // cannot be finished, and the client has heard all it will: Helidon closes the connection, quietly.
                LOG.log(System.Logger.Level.INFO, "export " + CorrelationId.of(req).value() + " cut off after "
                        + slot.bytesSent() + " bytes: its client took less than " + exports.limits().minBytes()
                        + " bytes in " + exports.limits().window().toSeconds() + " s");
                throw new CloseConnectionException("export cut off: its client read too slowly", e);
            }
        }
    }

    /** 503 at once rather than a wait: an export may stream for minutes, and a request thread must not queue behind it. */
    private void tooManyExports(ServerRequest req, ServerResponse res) {
        int max = exports.limits().maxConcurrent();
        res.header(HeaderNames.RETRY_AFTER, Long.toString(exports.retryAfterSeconds()));
        Problems.send(req, res, ProblemType.TOO_MANY_EXPORTS,
                "At most " + max + " exports run at once; try again shortly", Map.of("max_concurrent_exports", max));
    }

    private static void badParameters(ServerRequest req, ServerResponse res, List<FieldError> errors) {
        Problems.invalid(req, res, ProblemType.INVALID_PARAMETERS, errors);
    }
}
