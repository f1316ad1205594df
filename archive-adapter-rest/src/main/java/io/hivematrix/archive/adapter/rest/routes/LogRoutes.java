package io.hivematrix.archive.adapter.rest.routes;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.http.JsonResponses;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.adapter.rest.security.Access;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.ProveLog;
import io.hivematrix.archive.application.port.in.ProveLog.ConsistencyResult;
import io.hivematrix.archive.application.port.in.ProveLog.InclusionResult;
import io.hivematrix.archive.domain.SignedCheckpoint;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LogHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The transparency log for outside checkers: the latest signed checkpoint and its verifier key as text, and RFC 9162
 * inclusion and consistency proofs as JSON (hashes in base64, paths from the leaf upward).
 */
public final class LogRoutes implements HttpService {
    private static final String TEXT = "text/plain; charset=utf-8";

    private final ProveLog log;
    private final Set<String> writers;

    public LogRoutes(ProveLog log, Set<String> writers) {
        this.log = log;
        this.writers = writers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/audit/checkpoint", Access.READ.guard(writers, this::checkpoint))
                .any("/api/audit/checkpoint", Problems.methodNotAllowed("GET"))
                .get("/api/audit/checkpoint/key", Access.READ.guard(writers, this::key))
                .any("/api/audit/checkpoint/key", Problems.methodNotAllowed("GET"))
                .get("/api/audit/proof/{invoice}", Access.READ.guard(writers, this::inclusion))
                .any("/api/audit/proof/{invoice}", Problems.methodNotAllowed("GET"))
                .get("/api/audit/consistency", Access.READ.guard(writers, this::consistency))
                .any("/api/audit/consistency", Problems.methodNotAllowed("GET"));
    }

    private void checkpoint(ServerRequest req, ServerResponse res) {
        Optional<SignedCheckpoint> latest = log.latestCheckpoint();
        if (latest.isEmpty()) {
            noCheckpoint(req, res);
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.CONTENT_TYPE, TEXT);
        res.send(latest.get().note().getBytes(StandardCharsets.UTF_8));
    }

    private void key(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.CONTENT_TYPE, TEXT);
        res.send((log.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void inclusion(ServerRequest req, ServerResponse res) {
        List<FieldError> errors = new ArrayList<>();
        OptionalLong treeSize = size(req, "tree_size", errors);
        if (!errors.isEmpty()) {
            Problems.invalid(req, res, ProblemType.INVALID_PARAMETERS, errors);
            return;
        }
        String invoice = req.path().pathParameters().get("invoice");
        InclusionResult result;
        try {
            result = log.inclusion(new InvoiceNumber(invoice), treeSize);
        } catch (IllegalArgumentException e) {
            result = null; // no bill can have a malformed number
        }
        switch (result) {
            case null -> notFound(req, res, invoice);
            case InclusionResult.NotArchived ignored -> notFound(req, res, invoice);
            case InclusionResult.NoCheckpoint ignored -> noCheckpoint(req, res);
            case InclusionResult.BadTreeSize bad -> Problems.invalid(req, res, ProblemType.INVALID_PARAMETERS, List.of(new FieldError("tree_size",
                            "must be between 1 and the log's size, " + bad.logSize())));
            case InclusionResult.NotYetIncluded later -> Problems.send(req, res, ProblemType.NOT_YET_IN_LOG, later.leafIndex() < 0
                            ? "Invoice " + later.invoice().value() + " is archived and waits to be sealed"
                            : "Invoice " + later.invoice().value() + " is leaf " + later.leafIndex()
                                    + ", not in a tree of " + later.treeSize(),
                    later.leafIndex() < 0 ? Map.of("tree_size", later.treeSize())
                            : Map.of("leaf_index", later.leafIndex(), "tree_size", later.treeSize()));
            case InclusionResult.Proved proof -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("leaf_index", proof.leafIndex());
                body.put("tree_size", proof.treeSize());
                body.put("leaf_hash", proof.leafHash().base64());
                body.put("root_hash", proof.rootHash().base64());
                body.put("inclusion_path", base64(proof.path()));
                noStore(res, body);
            }
        }
    }

    private void consistency(ServerRequest req, ServerResponse res) {
        List<FieldError> errors = new ArrayList<>();
        OptionalLong from = size(req, "from", errors);
        OptionalLong to = size(req, "to", errors);
        if (from.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("from"))) {
            errors.addFirst(new FieldError("from", "is required: the size of the older tree"));
        }
        if (!errors.isEmpty()) {
            Problems.invalid(req, res, ProblemType.INVALID_PARAMETERS, errors);
            return;
        }
        switch (log.consistency(from.getAsLong(), to)) {
            case ConsistencyResult.NoCheckpoint ignored -> noCheckpoint(req, res);
            case ConsistencyResult.BadRange bad -> Problems.invalid(req, res, ProblemType.INVALID_PARAMETERS, List.of(new FieldError(bad.field(), bad.reason())));
            case ConsistencyResult.Proved proof -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("from", proof.from());
                body.put("to", proof.to());
                body.put("consistency_path", base64(proof.path()));
                noStore(res, body);
            }
        }
    }

    /** A tree size parameter: absent, or a whole number of at least 1. */
    private static OptionalLong size(ServerRequest req, String name, List<FieldError> errors) {
        Optional<String> value = req.query().first(name).asOptional();
        if (value.isEmpty() || value.get().isBlank()) {
            return OptionalLong.empty();
        }
        String text = value.get().strip();
        if (!text.matches("[1-9][0-9]{0,17}")) {
            errors.add(new FieldError(name, "must be a whole number of at least 1"));
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    private static List<String> base64(List<LogHash> hashes) {
        return hashes.stream().map(LogHash::base64).toList();
    }

    private static void notFound(ServerRequest req, ServerResponse res, String invoice) {
        Problems.send(req, res, ProblemType.SNAPSHOT_NOT_FOUND,
                "No archived snapshot has invoice number " + invoice);
    }

    private static void noCheckpoint(ServerRequest req, ServerResponse res) {
        Problems.send(req, res, ProblemType.NO_CHECKPOINT,
                "No checkpoint has been cut yet: one is cut once the first snapshot is sealed");
    }

    /** Proofs name the log's current size: never cached. */
    private static void noStore(ServerResponse res, Object body) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponses.send(res, body);
    }
}
