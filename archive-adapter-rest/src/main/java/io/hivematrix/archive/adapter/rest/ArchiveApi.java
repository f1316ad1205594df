package io.hivematrix.archive.adapter.rest;

import io.hivematrix.archive.application.port.in.CreateSnapshot;
import io.hivematrix.archive.application.port.in.FindSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * What the HTTP adapter needs from the rest of the system: the in-ports it calls, the health checks
 * it reports, and its own limits.
 *
 * @param maxBodyBytes requests with a larger body are refused with 413
 */
public record ArchiveApi(CreateSnapshot createSnapshot, FindSnapshot findSnapshot, List<HealthCheck> healthChecks,
                         long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    public ArchiveApi {
        Objects.requireNonNull(createSnapshot, "createSnapshot");
        Objects.requireNonNull(findSnapshot, "findSnapshot");
        healthChecks = List.copyOf(healthChecks);
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }
}
