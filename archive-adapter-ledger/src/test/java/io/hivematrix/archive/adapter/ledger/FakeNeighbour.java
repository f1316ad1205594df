package io.hivematrix.archive.adapter.ledger;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A fake Codex, Ledger or Core: a real HTTP server on loopback answering what each test scripts, and remembering what it was asked. */
final class FakeNeighbour implements AutoCloseable {
    /** One request as the fake saw it. */
    record Seen(String method, String path, Optional<String> authorization, Optional<String> contentType, String body) {
    }

    /** What the fake answers a request with. */
    @FunctionalInterface
    interface Script {
        Answer answer(Seen request) throws Exception;
    }

    /**
     * A status and a body; {@code hang} holds the answer back until the fake closes (for timeouts), {@code drop}
     * closes the connection without any answer (a crashed worker, a proxy cutting it).
     */
    record Answer(int status, String body, boolean hang, boolean drop) {
        static Answer json(int status, String body) {
            return new Answer(status, body, false, false);
        }

        static Answer hanging() {
            return new Answer(200, "[]", true, false);
        }

        static Answer dropped() {
            return new Answer(0, "", false, true);
        }
    }

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    // Released on close so hanging handlers do not keep the server from stopping.
    private final CountDownLatch closing = new CountDownLatch(1);
    private final WebServer server;

    private FakeNeighbour() {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.any(this::handle))
                .build().start();
    }

    static FakeNeighbour start() {
        return new FakeNeighbour();
    }

    /** Answers {@code method path} (exact path) with {@code script}, replacing any earlier script. */
    FakeNeighbour on(String method, String path, Script script) {
        scripts.put(method + " " + path, script);
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    List<Seen> requests(String method, String path) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
    }

    List<Seen> requests() {
        return List.copyOf(seen);
    }

    private void handle(ServerRequest req, ServerResponse res) throws Exception {
        String method = req.prologue().method().text();
        String path = req.path().path();
        String body = req.content().hasEntity() ? req.content().as(String.class) : "";
        Seen request = new Seen(method, path, req.headers().first(HeaderNames.AUTHORIZATION),
                req.headers().first(HeaderNames.CONTENT_TYPE), body);
        seen.add(request);
        Script script = scripts.get(method + " " + path);
        Answer answer = script == null ? Answer.json(404, "{\"error\":\"no script\"}") : script.answer(request);
        if (answer.hang()) {
            closing.await(10, TimeUnit.SECONDS);
        }
        if (answer.drop()) {
            // Helidon closes the connection, sending nothing, when a handler throws this.
            throw new CloseConnectionException("dropped by the test");
        }
        res.status(answer.status());
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(answer.body());
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop();
    }
}
