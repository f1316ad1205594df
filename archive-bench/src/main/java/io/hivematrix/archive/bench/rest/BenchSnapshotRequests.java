package io.hivematrix.archive.bench.rest;

import io.hivematrix.archive.adapter.rest.json.JsonBodyReader;
import io.hivematrix.archive.adapter.rest.routes.SnapshotBodies;
import io.hivematrix.archive.adapter.rest.security.Caller;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;

/**
 * Generated bills become commands exactly as {@code POST /api/snapshot} makes them (same JSON parser, canonical
 * breakdown, number rules), through the route's own public seam ({@link SnapshotBodies}).
 */
public final class BenchSnapshotRequests {
    private BenchSnapshotRequests() {
    }

    /** The command the create route would build from this body sent by the given service (no idempotency key). */
    public static CreateSnapshotCommand command(String body, String service) {
        return switch (SnapshotBodies.parse(new JsonBodyReader.Text(body), Caller.service(service), null)) {
            case SnapshotBodies.Command command -> command.command();
            case SnapshotBodies.Malformed malformed ->
                    throw new IllegalArgumentException("generated body is no snapshot request: " + malformed.detail());
        };
    }
}
