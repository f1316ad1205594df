package io.hivematrix.archive.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Codex (a fixed company list) and Ledger (accepts every bill with 201 and remembers who was billed) on one
 * real loopback HTTP server, for monthly runs of the service under test.
 */
final class FakeNeighbours implements AutoCloseable {
    private final HttpServer server;
    private final List<String> billed = Collections.synchronizedList(new ArrayList<>());

    private FakeNeighbours(HttpServer server) {
        this.server = server;
    }

    /** Companies N01..N{count}. */
    static FakeNeighbours start(int count) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeNeighbours fake = new FakeNeighbours(server);
            List<String> companies = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                companies.add("{\"account_number\":\"N%02d\",\"name\":\"Neighbour %02d\"}".formatted(i, i));
            }
            String list = "[" + String.join(",", companies) + "]";
            server.createContext("/api/companies", exchange -> send(exchange, 200, list));
            server.createContext("/api/bill/accept", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String account = Bills.JSON.readTree(body).get("account_number").asText();
                fake.billed.add(account);
                send(exchange, 201, "{\"message\":\"accepted\",\"account_number\":\"" + account + "\"}");
            });
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every account Ledger was asked to bill, in order, repeats included. */
    List<String> billed() {
        synchronized (billed) {
            return List.copyOf(billed);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
