package io.hivematrix.archive.testkit.neighbours;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer.Answer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Codex on loopback: {@code GET /api/companies} and {@code GET /api/companies/{acc}} over a fixed list; it can
 * answer every request with a fault until healed, and refuse calls without a token its Core handed out.
 */
public final class FakeCodexServer implements AutoCloseable {
    /** A company as Codex lists it. */
    public record Company(String account, String name) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> companies = new LinkedHashMap<>();
    private final String listing;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final LoopbackServer server;
    private volatile Optional<FakeCoreServer> core = Optional.empty();
    private volatile Answer fault;

    /** Companies C01..C{count}, named "Company 01" and so on, on any free port. */
    public FakeCodexServer(int count) {
        this(count, 0);
    }

    /** As {@link #FakeCodexServer(int)}, on {@code port}: 0 for any free one, or one a test refused connections on. */
    public FakeCodexServer(int count, int port) {
        this(numbered("C%02d", "Company %02d", 1, count), port);
    }

    /** Codex listing {@code companies}, on any free port. */
    public FakeCodexServer(List<Company> companies) {
        this(companies, 0);
    }

    /** As {@link #FakeCodexServer(List)}, on {@code port}. */
    public FakeCodexServer(List<Company> list, int port) {
        List<String> entries = new ArrayList<>(list.size());
        for (Company c : list) {
            companies.put(c.account(), c.name());
            entries.add(json(c.account(), c.name()));
        }
        // Built once: the list never changes, and building it per call would only add noise to a benchmark.
        listing = "[" + String.join(",", entries) + "]";
        server = LoopbackServer.start(port)
                .on("GET", "/api/companies", request -> answer(request, () -> Answer.json(200, listing)))
                .on("GET", "/api/companies/{acc}", request -> answer(request, () -> one(request.param("acc"))));
    }

    /**
     * {@code count} companies numbered from {@code first}, their account and name formatted from the number:
     * {@code numbered("C%02d", "Company %02d", 1, 12)} is C01 "Company 01" … C12 "Company 12".
     */
    public static List<Company> numbered(String accountFormat, String nameFormat, int first, int count) {
        List<Company> list = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            list.add(new Company(accountFormat.formatted(i), nameFormat.formatted(i)));
        }
        return list;
    }

    /** From now on a call without a token {@code core} handed out is answered 401 (and counted as refused). */
    public FakeCodexServer requireTokensFrom(FakeCoreServer core) {
        this.core = Optional.of(core);
        return this;
    }

    /** From now on every request is answered with this status and body, until {@link #heal}. */
    public void fail(int status, String contentType, String body) {
        fault = Answer.of(status, contentType, body);
    }

    public void heal() {
        fault = null;
    }

    public List<String> accounts() {
        return List.copyOf(companies.keySet());
    }

    public String name(String account) {
        return companies.get(account);
    }

    /** Requests since the start or the last {@link #resetCounts}, refused ones included. */
    public int calls() {
        return calls.get();
    }

    public int refused() {
        return refused.get();
    }

    public void resetCounts() {
        calls.set(0);
        refused.set(0);
    }

    public URI uri() {
        return server.uri();
    }

    @Override
    public void close() {
        server.close();
    }

    private interface Reply {
        Answer get();
    }

    private Answer answer(LoopbackServer.Seen request, Reply reply) {
        calls.incrementAndGet();
        Optional<FakeCoreServer> issuer = core;
        if (issuer.isPresent() && !issuer.get().handedOut(request.authorization())) {
            refused.incrementAndGet();
            return Answer.json(401, "{\"error\":\"a service token from Core is required\"}");
        }
        Answer faulty = fault;
        return faulty != null ? faulty : reply.get();
    }

    private Answer one(String account) {
        String name = companies.get(account);
        return name == null ? Answer.json(404, "{\"error\":\"Company not found\"}")
                : Answer.json(200, json(account, name));
    }

    /** Built by Jackson, so a name with quotes or backslashes is listed as Codex lists it. */
    private static String json(String account, String name) {
        return JSON.createObjectNode().put("account_number", account).put("name", name).toString();
    }
}
