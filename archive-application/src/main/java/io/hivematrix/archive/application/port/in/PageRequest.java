package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.SnapshotCursor;

/** Which slice of a newest-first list to return: by offset, or after a keyset cursor. */
public record PageRequest(int limit, int offset, SnapshotCursor cursor) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (cursor != null && offset != 0) {
            throw new IllegalArgumentException("use either offset or cursor, not both");
        }
    }
}
