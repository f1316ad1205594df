package io.hivematrix.archive.boot;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * Nexus on a loopback port, as far as Archive sees it: it forwards {@code /archive/...} unchanged to the service
 * and puts the signed-in user's bearer token on every request, so the page itself never holds a token.
 */
final class FakeNexusProxy implements AutoCloseable {
    /** Headers the JDK client or server set themselves (or refuse), per hop. */
    private static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "host",
            "keep-alive", "upgrade", "authorization", "expect");
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebServer server;
    private final URI upstream;
    private final String bearer;

    FakeNexusProxy(URI upstream, String bearer) {
        this.upstream = upstream;
        this.bearer = bearer;
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.any("/archive", this::forward).any("/archive/*", this::forward))
                .build().start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private void forward(ServerRequest req, ServerResponse res) throws IOException, InterruptedException {
        String query = req.query().rawValue();
        URI target = upstream.resolve(req.path().rawPath() + (query.isEmpty() ? "" : "?" + query));
        byte[] body = req.content().hasEntity() ? req.content().inputStream().readAllBytes() : new byte[0];
        HttpRequest.Builder out = HttpRequest.newBuilder(target)
                .method(req.prologue().method().text(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", bearer);
        req.headers().forEach(h -> {
            if (!HOP.contains(h.name().toLowerCase())) {
                h.allValues().forEach(v -> out.header(h.name(), v));
            }
        });
        HttpResponse<byte[]> answer = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        res.status(Status.create(answer.statusCode()));
        answer.headers().map().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                res.header(HeaderNames.create(name), values.toArray(String[]::new));
            }
        });
        res.send(answer.body());
    }

    @Override
    public void close() {
        server.stop();
        http.close();
    }
}
