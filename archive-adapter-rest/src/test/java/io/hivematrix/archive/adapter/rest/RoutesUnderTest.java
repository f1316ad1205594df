package io.hivematrix.archive.adapter.rest;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import java.util.function.Consumer;

/**
 * The archive's routes called in memory, one client for a test class: {@code @AutoClose static final DirectClient
 * client = RoutesUnderTest.over(api)} stands where {@code @RoutingTest}, a constructor and a {@code @SetUpRoute}
 * method stood in every REST test.
 */
public final class RoutesUnderTest {
    private RoutesUnderTest() {
    }

    /** The archive's routes over {@code api}, with the default guards and observability. */
    public static DirectClient over(ArchiveApi api) {
        return of(routing -> ArchiveHttp.routing(routing, api));
    }

    /** Routes set up by {@code setUp}, for tests that wire observability, origins or a fake neighbour themselves. */
    public static DirectClient of(Consumer<HttpRouting.Builder> setUp) {
        HttpRouting.Builder routing = HttpRouting.builder();
        setUp.accept(routing);
        // As Helidon's @RoutingTest does: the services see beforeStart once before the first request.
        routing.copy().build().beforeStart();
        return new DirectClient(routing);
    }
}
