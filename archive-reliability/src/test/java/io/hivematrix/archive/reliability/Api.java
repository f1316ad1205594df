package io.hivematrix.archive.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One caller of one Archive instance: a bearer token and plain HTTP calls with a bounded wait. */
final class Api {
    /** Longer than any answer the service may take (its pool waits 5 s for a connection): a hang shows as a timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI base;
    private final String bearer;

    Api(URI base, String token) {
        this.base = base;
        this.bearer = "Bearer " + token;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A create carrying an Idempotency-Key, so that a retry after an unclear failure is safe. */
    HttpResponse<String> create(String json, String idempotencyKey) throws IOException, InterruptedException {
        return HTTP.send(request("/api/snapshot").header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", bearer);
    }
}
