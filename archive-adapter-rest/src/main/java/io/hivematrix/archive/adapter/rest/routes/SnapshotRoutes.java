package io.hivematrix.archive.adapter.rest.routes;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.http.JsonResponses;
import io.hivematrix.archive.adapter.rest.http.ProxyPrefix;
import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.adapter.rest.json.JsonBodyReader;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.adapter.rest.security.Access;
import io.hivematrix.archive.adapter.rest.security.Caller;
import io.hivematrix.archive.application.port.in.CreateSnapshot;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult;
import io.hivematrix.archive.application.port.in.ReadSnapshots;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code POST /api/snapshot} and {@code GET /api/snapshot/{invoice}}: archive a bill, read it back. */
public final class SnapshotRoutes implements HttpService {
    static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    /** An archived snapshot never changes: a cache may keep it as long as it likes (but only for this user). */
    private static final String IMMUTABLE = "private, max-age=31536000, immutable";

    private final CreateSnapshot createSnapshot;
    private final ReadSnapshots read;
    private final Set<String> writers;
    private final long maxBodyBytes;
    /** Sealed snapshots' JSON. */
    private final ImmutableResponses sealed = new ImmutableResponses(ImmutableResponses.JSON_MAX_BYTES,
            ImmutableResponses.MAX_ENTRY_BYTES);
    /** CSV downloads: a stored invoice CSV never changes, sealed or not. */
    private final ImmutableResponses csvs = new ImmutableResponses(ImmutableResponses.CSV_MAX_BYTES,
            ImmutableResponses.MAX_ENTRY_BYTES);

    public SnapshotRoutes(CreateSnapshot createSnapshot, ReadSnapshots read, Set<String> writers, long maxBodyBytes) {
        this.createSnapshot = createSnapshot;
        this.read = read;
        this.writers = writers;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/snapshot", Access.CREATE.guard(writers, this::create))
                .any("/api/snapshot", Problems.methodNotAllowed("POST"))
                .get("/api/snapshot/{invoice}", Access.READ.guard(writers, this::find))
                .any("/api/snapshot/{invoice}", Problems.methodNotAllowed("GET"))
                .get("/api/snapshot/{invoice}/csv", Access.READ.guard(writers, this::csv))
                .any("/api/snapshot/{invoice}/csv", Problems.methodNotAllowed("GET"));
    }

    private void create(ServerRequest req, ServerResponse res) throws IOException {
        JsonBodyReader.Outcome read = JsonBodyReader.read(req.content().inputStream(),
                req.headers().contentLength().orElse(-1), maxBodyBytes);
        if (read instanceof JsonBodyReader.TooLarge tooLarge) {
            Problems.tooLarge(req, res, tooLarge);
            return;
        }
        if (!(read instanceof JsonBodyReader.Text text)) {
            badBody(req, res, SnapshotBodies.NOT_AN_OBJECT);
            return;
        }
        String idempotencyKey = req.headers().first(IDEMPOTENCY_KEY).orElse(null);
        CreateSnapshotResult result;
        switch (SnapshotBodies.parse(text, Caller.required(req), idempotencyKey)) {
            case SnapshotBodies.Malformed malformed -> {
                badBody(req, res, malformed.detail());
                return;
            }
            case SnapshotBodies.Command command -> result = createSnapshot.create(command.command());
        }
        switch (result) {
            case CreateSnapshotResult.Created created -> created(req, res, created.snapshot());
            // A retry under the same key gets the very response the first request got.
            case CreateSnapshotResult.Replayed replayed -> created(req, res, replayed.snapshot());
            case CreateSnapshotResult.KeyReused reused -> Problems.send(req, res, ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key " + reused.idempotencyKey() + " was already used with a different request body");
            case CreateSnapshotResult.Duplicate duplicate -> {
                ArchivedSnapshot existing = duplicate.existing();
                String invoice = existing.snapshot().invoiceNumber().value();
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("invoice_number", invoice);
                extra.put("identical", duplicate.identical());
                extra.put("snapshot_id", existing.id());
                Problems.send(req, res, ProblemType.ALREADY_ARCHIVED,
                        "Snapshot already exists for invoice " + invoice + " (" + existing.snapshot().accountNumber()
                                + ", " + existing.snapshot().period() + ")", extra);
            }
            case CreateSnapshotResult.Invalid invalid ->
                    Problems.invalid(req, res, ProblemType.INVALID_SNAPSHOT, invalid.errors());
        }
    }

    private static void created(ServerRequest req, ServerResponse res, ArchivedSnapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", "Snapshot created successfully");
        out.put("snapshot_id", s.id());
        out.put("invoice_number", s.snapshot().invoiceNumber().value());
        out.put("content_sha256", s.contentSha256());
        // As stored: the database sets it (V13), and it is the time the audit chain seals.
        out.put("archived_at", SnapshotView.timestamp(s.archivedAt()));
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, prefix(req) + "/api/snapshot/"
                + URLEncoder.encode(s.snapshot().invoiceNumber().value(), StandardCharsets.UTF_8));
        JsonResponses.send(res, out);
    }

    private void csv(ServerRequest req, ServerResponse res) {
        String invoice = req.path().pathParameters().get("invoice");
        ImmutableResponses.Response response = csvs.get(invoice);
        if (response == null) {
            Optional<ReadSnapshots.InvoiceCsv> found = read.csv(invoice);
            if (found.isEmpty()) {
                Problems.send(req, res, ProblemType.SNAPSHOT_NOT_FOUND,
                        "Snapshot not found");
                return;
            }
            ReadSnapshots.InvoiceCsv csv = found.get();
            response = new ImmutableResponses.Response(csv.csv().getBytes(StandardCharsets.UTF_8),
                    "\"" + csv.contentSha256() + "-csv\"", DownloadName.contentDisposition(csv.companyName(), csv.period()));
            csvs.put(invoice, response);
        }
        res.header(HeaderNames.ETAG, response.etag());
        res.header(HeaderNames.CACHE_CONTROL, IMMUTABLE);
        res.header(HeaderNames.CONTENT_DISPOSITION, response.contentDisposition());
        if (matches(req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(null), response.etag())) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.send(response.body());
    }

    private void find(ServerRequest req, ServerResponse res) {
        String invoice = req.path().pathParameters().get("invoice");
        ImmutableResponses.Response response = sealed.get(invoice);
        if (response == null) {
            Optional<ArchivedSnapshot> found = read.byInvoiceNumber(invoice);
            if (found.isEmpty()) {
                Problems.send(req, res, ProblemType.SNAPSHOT_NOT_FOUND,
                        "Snapshot not found");
                return;
            }
            // Archived snapshots never change, so their content hash is a perfect strong validator.
            response = new ImmutableResponses.Response(Json.write(SnapshotView.from(found.get())),
                    "\"" + found.get().contentSha256() + "\"");
            if (found.get().sealed()) {
                sealed.put(invoice, response);
            }
        }
        res.header(HeaderNames.ETAG, response.etag());
        res.header(HeaderNames.CACHE_CONTROL, IMMUTABLE);
        if (matches(req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(null), response.etag())) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(response.body());
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static void badBody(ServerRequest req, ServerResponse res, String detail) {
        Problems.send(req, res, ProblemType.MALFORMED_BODY, detail);
    }

    /** Links point back through the Nexus proxy when the request came through it. */
    private static String prefix(ServerRequest req) {
        String path = req.path().absolute().path();
        return ProxyPrefix.of(path);
    }
}
