package io.hivematrix.archive.boot;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Codex on a loopback port: {@code GET /api/companies} and {@code GET /api/companies/{acc}} over a fixed list, or a fault. */
final class FakeCodexServer implements AutoCloseable {
    private final Map<String, String> companies = new LinkedHashMap<>();
    private final WebServer server;
    private volatile Answer fault;

    /** What every request is answered with while Codex is faulty. */
    private record Answer(int status, String contentType, String body) {
    }

    /** Companies C01..C{count}, named "Company 01" and so on. */
    FakeCodexServer(int count) {
        this(count, 0);
    }

    /** As {@link #FakeCodexServer(int)}, on a given port: 0 for any free one, or one a test refused connections on. */
    FakeCodexServer(int count, int port) {
        for (int i = 1; i <= count; i++) {
            companies.put(String.format("C%02d", i), String.format("Company %02d", i));
        }
        server = WebServer.builder().host("127.0.0.1").port(port).routing(r -> r
                .get("/api/companies", (req, res) -> {
                    if (!faulty(res)) {
                        List<String> entries = new ArrayList<>();
                        companies.forEach((acc, name) -> entries.add(company(acc, name)));
                        json(res, Status.OK_200, "[" + String.join(",", entries) + "]");
                    }
                })
                .get("/api/companies/{acc}", (req, res) -> {
                    if (faulty(res)) {
                        return;
                    }
                    String acc = req.path().pathParameters().get("acc");
                    String name = companies.get(acc);
                    if (name == null) {
                        json(res, Status.NOT_FOUND_404, "{\"error\":\"Company not found\"}");
                    } else {
                        json(res, Status.OK_200, company(acc, name));
                    }
                })).build().start();
    }

    /** From now on every request is answered with this status and body, until {@link #heal}. */
    void fail(int status, String contentType, String body) {
        fault = new Answer(status, contentType, body);
    }

    void heal() {
        fault = null;
    }

    List<String> accounts() {
        return List.copyOf(companies.keySet());
    }

    String name(String account) {
        return companies.get(account);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private boolean faulty(ServerResponse res) {
        Answer answer = fault;
        if (answer == null) {
            return false;
        }
        res.status(Status.create(answer.status())).header(HeaderNames.CONTENT_TYPE, answer.contentType()).send(answer.body());
        return true;
    }

    private static String company(String account, String name) {
        return "{\"account_number\":\"" + account + "\",\"name\":\"" + name + "\"}";
    }

    private static void json(ServerResponse res, Status status, String body) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
