package io.hivematrix.archive.testkit.neighbours;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A neighbour's HTTP server on loopback answering what each script says and remembering what it was asked: the
 * one server under the fake Core, Codex and Ledger, and what a test scripts by hand for answers no fake gives.
 */
public final class LoopbackServer implements AutoCloseable {
    /** One request as the server saw it; {@code params} are the path's {@code {name}} segments. */
    public record Seen(String method, String path, Map<String, String> params, Optional<String> authorization,
                       Optional<String> contentType, String body) {
        public String param(String name) {
            return params.get(name);
        }
    }

    /** What the server answers a request with. */
    @FunctionalInterface
    public interface Script {
        Answer answer(Seen request) throws Exception;
    }

    /**
     * A status, content type and body; {@code hang} holds the answer back until the server closes (for timeouts),
     * {@code drop} closes the connection without any answer (a crashed worker, a proxy cutting it).
     */
    public record Answer(int status, String contentType, String body, boolean hang, boolean drop) {
        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, false, false);
        }

        public static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, body, false, false);
        }

        public static Answer hanging() {
            return new Answer(200, "application/json", "[]", true, false);
        }

        public static Answer dropped() {
            return new Answer(0, "", "", false, true);
        }
    }

    /** Scripts by "METHOD /path", in the order added; an exact path wins over a {@code {name}} template. */
    private final Map<String, Script> scripts = new LinkedHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    // Released on close so hanging handlers do not keep the server from stopping.
    private final CountDownLatch closing = new CountDownLatch(1);
    private final WebServer server;

    private LoopbackServer(int port) {
        server = WebServer.builder().host("127.0.0.1").port(port)
                .routing(r -> r.any(this::handle))
                .build().start();
    }

    /** On any free port. */
    public static LoopbackServer start() {
        return new LoopbackServer(0);
    }

    /** On {@code port}: 0 for any free one, or one a test refused connections on until now. */
    public static LoopbackServer start(int port) {
        return new LoopbackServer(port);
    }

    /**
     * Answers {@code method path} with {@code script}, replacing any earlier script for it; a path segment
     * {@code {name}} matches any one segment and reaches the script as {@link Seen#param}.
     */
    public LoopbackServer on(String method, String path, Script script) {
        synchronized (scripts) {
            scripts.put(method + " " + path, script);
        }
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public List<Seen> requests(String method, String path) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** Stops answering: from now on connecting is refused, as when the neighbour is down. */
    @Override
    public void close() {
        closing.countDown();
        server.stop();
    }

    private void handle(ServerRequest req, ServerResponse res) throws Exception {
        String method = req.prologue().method().text();
        String path = req.path().path();
        Map<String, String> params = new LinkedHashMap<>();
        Script script = find(method, path, params);
        String body = req.content().hasEntity() ? req.content().as(String.class) : "";
        Seen request = new Seen(method, path, Map.copyOf(params), req.headers().first(HeaderNames.AUTHORIZATION),
                req.headers().first(HeaderNames.CONTENT_TYPE), body);
        seen.add(request);
        Answer answer = script == null ? Answer.json(404, "{\"error\":\"no script\"}") : script.answer(request);
        if (answer.hang()) {
            closing.await(10, TimeUnit.SECONDS);
        }
        if (answer.drop()) {
            // Helidon closes the connection, sending nothing, when a handler throws this.
            throw new CloseConnectionException("dropped by the test");
        }
        res.status(Status.create(answer.status()));
        if (answer.body().isEmpty()) {
            res.send();
        } else {
            res.header(HeaderNames.CONTENT_TYPE, answer.contentType());
            res.send(answer.body());
        }
    }

    private Script find(String method, String path, Map<String, String> params) {
        synchronized (scripts) {
            Script exact = scripts.get(method + " " + path);
            if (exact != null) {
                return exact;
            }
            String[] segments = path.split("/", -1);
            for (Map.Entry<String, Script> e : scripts.entrySet()) {
                String[] key = e.getKey().split(" ", 2);
                if (key[0].equals(method) && matches(key[1].split("/", -1), segments, params)) {
                    return e.getValue();
                }
                params.clear();
            }
            return null;
        }
    }

    private static boolean matches(String[] template, String[] segments, Map<String, String> params) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}") && !segments[i].isEmpty()) {
                params.put(t.substring(1, t.length() - 1), segments[i]);
            } else if (!t.equals(segments[i])) {
                return false;
            }
        }
        return true;
    }
}
