package io.hivematrix.archive.adapter.postgres.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** Starts PostgreSQL 17 in Docker via Testcontainers, for machines that have an engine. */
final class ContainerPostgres {
    private ContainerPostgres() {
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; Testcontainers' reaper removes it
    static TestPostgres.Server startIfDockerAnswers() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
        container.start();
        String url = container.getJdbcUrl();
        return TestPostgres.Server.external(url, container.getUsername(), container.getPassword());
    }
}
