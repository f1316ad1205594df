package io.hivematrix.archive.adapter.rest.routes;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.http.JsonResponses;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.adapter.rest.security.Access;
import io.hivematrix.archive.application.port.in.AuditTrail;
import io.hivematrix.archive.application.port.out.AuditLog;
import io.hivematrix.archive.domain.AuditHead;
import io.hivematrix.archive.domain.AuditLink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/audit/head} for safekeeping elsewhere, and {@code GET /api/audit/verify} (admin) to re-check it all. */
public final class AuditRoutes implements HttpService {
    private final AuditTrail audit;
    private final Duration sealInterval;
    private final Set<String> writers;

    public AuditRoutes(AuditTrail audit, Duration sealInterval, Set<String> writers) {
        this.audit = audit;
        this.sealInterval = sealInterval;
        this.writers = writers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/audit/head", Access.READ.guard(writers, this::head))
                .any("/api/audit/head", Problems.methodNotAllowed("GET"))
                .get("/api/audit/verify", Access.ADMIN.guard(writers, this::verify))
                .any("/api/audit/verify", Problems.methodNotAllowed("GET"));
    }

    private void head(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponses.send(res, head(audit.head()));
    }

    private void verify(ServerRequest req, ServerResponse res) {
        AuditTrail.Verification v = audit.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", v.ok());
        body.put("checked", v.checked());
        body.put("head", head(v.head()));
        if (v.firstBroken() == null) {
            body.put("first_broken", null);
        } else {
            AuditTrail.Broken b = v.firstBroken();
            Map<String, Object> broken = new LinkedHashMap<>();
            broken.put("seq", b.seq());
            broken.put("invoice_number", b.invoiceNumber());
            broken.put("problem", b.problem());
            broken.put("expected", b.expected());
            broken.put("found", b.found());
            body.put("first_broken", broken);
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponses.send(res, body);
    }

    private Map<String, Object> head(AuditHead head) {
        AuditLink last = head.last();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("seq", last == null ? 0 : last.seq());
        body.put("hash", last == null ? AuditLink.GENESIS : last.entryHash());
        body.put("sealed_at", head.sealedAt() == null ? null : SnapshotView.timestamp(head.sealedAt()));
        body.put("snapshot_count", head.snapshots());
        body.put("pending", head.pending());
        body.put("seal_interval_ms", sealInterval.toMillis());
        return body;
    }
}
