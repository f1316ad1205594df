package io.hivematrix.archive.adapter.rest.routes;

import com.fasterxml.jackson.core.JacksonException;
import io.hivematrix.archive.adapter.rest.json.JsonBodyReader;
import io.hivematrix.archive.adapter.rest.json.JsonBudget;
import io.hivematrix.archive.adapter.rest.security.Caller;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import java.io.IOException;
import java.util.Optional;

/**
 * How {@code POST /api/snapshot} turns a body it has read ({@link JsonBodyReader}) into the create command: the
 * BOM-stripped text parsed in one streaming pass ({@link SnapshotBody}), then its fields read ({@link SnapshotRequest}).
 * The route calls nothing else; benchmarks call this to measure exactly what the route does.
 */
public final class SnapshotBodies {
    private SnapshotBodies() {
    }

    /** What a body gave: the command to hand the use case, or why the body is no snapshot request (a 400). */
    public sealed interface Parsed permits Command, Malformed {
    }

    /** A body that is one JSON object: the command, with the body as received (to be kept). */
    public record Command(CreateSnapshotCommand command) implements Parsed {
    }

    /** A body that is not one JSON object within its budget; {@code detail} says why. */
    public record Malformed(String detail) implements Parsed {
    }

    /**
     * Parses {@code body} as sent by {@code caller}.
     *
     * @param idempotencyKey the request's {@code Idempotency-Key}, or null
     */
    public static Parsed parse(JsonBodyReader.Text body, Caller caller, String idempotencyKey) {
        if (body.isEmpty()) {
            return new Malformed(NOT_AN_OBJECT);
        }
        Optional<SnapshotBody> parsed;
        try {
            // Parse the very text that is kept as received_body (less a byte order mark), never the bytes.
            parsed = SnapshotBody.read(body.json());
        } catch (JsonBudget.TooDense e) {
            return new Malformed(e.getOriginalMessage());
        } catch (JacksonException e) {
            return new Malformed("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Malformed("Request body is not valid JSON: " + e.getMessage());
        }
        if (parsed.isEmpty()) {
            return new Malformed(NOT_AN_OBJECT);
        }
        return new Command(SnapshotRequest.toCommand(parsed.get(), body.received(), caller, idempotencyKey));
    }

    /** The detail for an empty body, one that is not UTF-8, and JSON that is not an object. */
    static final String NOT_AN_OBJECT = "Request body must be a JSON object (UTF-8)";
}
