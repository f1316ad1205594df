package io.hivematrix.archive.adapter.rest.problems;

import io.helidon.http.Status;

/**
 * Every kind of problem the archive answers with: its status, the slug of its {@code type} URN and its title. One
 * list, so a kind is worded the same wherever it is found (a route, a filter, the listener).
 */
public enum ProblemType {
    MALFORMED_BODY(Status.BAD_REQUEST_400, "malformed-body", "Malformed request body"),
    INVALID_SNAPSHOT(Status.BAD_REQUEST_400, "invalid-snapshot", "Invalid snapshot"),
    INVALID_PARAMETERS(Status.BAD_REQUEST_400, "invalid-parameters", "Invalid query parameters"),
    INVALID_SCHEDULE(Status.BAD_REQUEST_400, "invalid-schedule", "Invalid scheduler configuration"),
    INVALID_BULK_REQUEST(Status.BAD_REQUEST_400, "invalid-bulk-request", "Invalid bulk request"),
    /** The listener's answer to a request it could not parse (Helidon reports oversized headers this way too). */
    MALFORMED_REQUEST(Status.BAD_REQUEST_400, "malformed-request", "Bad Request"),
    UNAUTHORIZED(Status.UNAUTHORIZED_401, "unauthorized", "Unauthorized"),
    FORBIDDEN(Status.FORBIDDEN_403, "forbidden", "Forbidden"),
    CROSS_SITE_REQUEST(Status.FORBIDDEN_403, "cross-site-request", "Forbidden"),
    NOT_FOUND(Status.NOT_FOUND_404, "not-found", "Not Found"),
    SNAPSHOT_NOT_FOUND(Status.NOT_FOUND_404, "snapshot-not-found", "Snapshot not found"),
    JOB_NOT_FOUND(Status.NOT_FOUND_404, "job-not-found", "Job not found"),
    NO_CHECKPOINT(Status.NOT_FOUND_404, "no-checkpoint", "No checkpoint yet"),
    /** A bill compared with its company's previous one, when the company has none before it. */
    NO_PREVIOUS_SNAPSHOT(Status.NOT_FOUND_404, "no-previous-snapshot", "No previous snapshot"),
    METHOD_NOT_ALLOWED(Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method Not Allowed"),
    ALREADY_ARCHIVED(Status.CONFLICT_409, "already-archived", "Snapshot already exists"),
    NOT_YET_IN_LOG(Status.CONFLICT_409, "not-yet-in-log", "Not yet in the log"),
    BODY_TOO_LARGE(Status.REQUEST_ENTITY_TOO_LARGE_413, "body-too-large", "Request body too large"),
    REQUEST_LINE_TOO_LONG(Status.REQUEST_URI_TOO_LONG_414, "request-line-too-long", "Request line too long"),
    UNSUPPORTED_MEDIA_TYPE(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported Media Type"),
    IDEMPOTENCY_KEY_REUSED(Status.create(422), "idempotency-key-reused", "Idempotency key reused"),
    HEADERS_TOO_LARGE(Status.create(431), "headers-too-large", "Request headers too large"),
    INTERNAL(Status.INTERNAL_SERVER_ERROR_500, "internal", "Internal Server Error"),
    UNAVAILABLE(Status.SERVICE_UNAVAILABLE_503, "unavailable", "Service Unavailable"),
    TOO_MANY_EXPORTS(Status.SERVICE_UNAVAILABLE_503, "too-many-exports", "Too many exports");

    private final Status status;
    private final String slug;
    private final String title;

    ProblemType(Status status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public Status status() {
        return status;
    }

    /** The last part of the body's {@code type}, {@code urn:hivematrix:archive:problem:<slug>}. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
