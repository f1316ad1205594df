package io.hivematrix.archive.bench.monthly;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.concurrent.atomic.AtomicInteger;

/** Codex listing N companies (accounts 700001…): {@code GET /api/companies} and {@code GET /api/companies/{acc}}. */
final class FakeCodex {
    private static final int FIRST_ACCOUNT = 700_001;

    private final int companies;
    private final FakeCore core;
    private final String listing;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    FakeCodex(int companies, FakeCore core) {
        this.companies = companies;
        this.core = core;
        StringBuilder all = new StringBuilder("[");
        for (int i = 0; i < companies; i++) {
            all.append(i == 0 ? "" : ",").append(company(account(i)));
        }
        // Built once: the list never changes, and building it per call would only add noise to the timing.
        listing = all.append(']').toString();
    }

    void routes(HttpRules rules) {
        rules.get("/api/companies", (req, res) -> {
                    if (allowed(req, res)) {
                        FakeCore.json(res, Status.OK_200, listing);
                    }
                })
                .get("/api/companies/{acc}", this::one);
    }

    int calls() {
        return calls.get();
    }

    int refused() {
        return refused.get();
    }

    void resetCounts() {
        calls.set(0);
        refused.set(0);
    }

    /** The name Codex gives account {@code account}; the same one Ledger's posted-back bill carries. */
    static String name(String account) {
        return "Bench Company " + account;
    }

    private void one(ServerRequest req, ServerResponse res) {
        if (!allowed(req, res)) {
            return;
        }
        String acc = req.path().pathParameters().get("acc");
        int n;
        try {
            n = Integer.parseInt(acc) - FIRST_ACCOUNT;
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n >= companies || !acc.equals(account(n))) {
            FakeCore.json(res, Status.NOT_FOUND_404, "{\"error\":\"Company not found\"}");
        } else {
            FakeCore.json(res, Status.OK_200, company(acc));
        }
    }

    /** Counts the call; answers 401 itself when it carries no token Core gave the Archive. */
    private boolean allowed(ServerRequest req, ServerResponse res) {
        calls.incrementAndGet();
        if (core.mintedForArchive(req.headers().first(HeaderNames.AUTHORIZATION))) {
            return true;
        }
        refused.incrementAndGet();
        FakeCore.json(res, Status.UNAUTHORIZED_401, "{\"error\":\"a service token from Core is required\"}");
        return false;
    }

    private static String account(int index) {
        return Integer.toString(FIRST_ACCOUNT + index);
    }

    private static String company(String account) {
        return "{\"account_number\":\"" + account + "\",\"name\":\"" + name(account) + "\"}";
    }
}
