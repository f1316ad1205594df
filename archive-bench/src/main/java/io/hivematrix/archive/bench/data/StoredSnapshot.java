package io.hivematrix.archive.bench.data;

import io.hivematrix.archive.domain.Snapshot;
import java.time.Instant;

/**
 * One row exactly as the PostgreSQL store would write it: the validated snapshot, the body as received
 * and its SHA-256, under a reserved id and the archive time.
 */
record StoredSnapshot(long id, Instant archivedAt, Snapshot snapshot, String receivedBody, String contentSha256) {
}
