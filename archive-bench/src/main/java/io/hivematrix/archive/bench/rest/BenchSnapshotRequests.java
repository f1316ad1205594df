package io.hivematrix.archive.bench.rest;

import io.hivematrix.archive.adapter.rest.routes.SnapshotBody;
import io.hivematrix.archive.adapter.rest.routes.SnapshotRequest;
import io.hivematrix.archive.adapter.rest.security.Caller;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import java.io.IOException;

/**
 * Bench access to the REST adapter's package-private body reading, so generated bills become commands
 * exactly as {@code POST /api/snapshot} makes them (same JSON parser, canonical breakdown, number rules).
 */
public final class BenchSnapshotRequests {
    private BenchSnapshotRequests() {
    }

    /** The command the create route would build from this body sent by the given service (no idempotency key). */
    public static CreateSnapshotCommand command(String body, String service) {
        SnapshotBody parsed;
        try {
            parsed = SnapshotBody.read(body).orElseThrow(() -> new IllegalArgumentException("not a JSON object"));
        } catch (IOException e) {
            throw new IllegalArgumentException("generated body is not valid JSON", e);
        }
        return SnapshotRequest.toCommand(parsed, body, Caller.service(service), null);
    }
}
