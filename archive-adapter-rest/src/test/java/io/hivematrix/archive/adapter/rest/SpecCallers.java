package io.hivematrix.archive.adapter.rest;

import io.hivematrix.archive.adapter.rest.security.Access;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** SPEC §2's callers, each with a valid token under the name the access tests report, and whom each level admits. */
public final class SpecCallers {
    /** Every user level and a writer and a non-writer service. */
    public static final Map<String, String> TOKENS = Map.of(
            "admin", TestTokens.user("admin"),
            "billing", TestTokens.user("billing"),
            "technician", TestTokens.user("technician"),
            "client", TestTokens.user("client"),
            "service ledger (a writer)", TestTokens.service("ledger"),
            "service codex (not a writer)", TestTokens.service("codex"));

    /** The callers of {@link #TOKENS} each access level lets through. */
    public static final Map<Access, Set<String>> ADMITTED = Map.of(
            Access.READ, Set.of("admin", "billing", "service ledger (a writer)", "service codex (not a writer)"),
            Access.CREATE, Set.of("admin", "billing", "service ledger (a writer)"),
            Access.ADMIN, Set.of("admin"));

    private SpecCallers() {
    }

    /** {@link #TOKENS} and one more caller. */
    public static Map<String, String> tokensAnd(String name, String token) {
        Map<String, String> tokens = new HashMap<>(TOKENS);
        tokens.put(name, token);
        return Map.copyOf(tokens);
    }
}
