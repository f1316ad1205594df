package io.hivematrix.archive.adapter.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivematrix.archive.adapter.ledger.CoreServiceTokens.ServiceToken;
import io.hivematrix.archive.adapter.ledger.CoreServiceTokens.TokenUnavailable;
import io.hivematrix.archive.adapter.ledger.NeighbourHttp.NoAnswer;
import io.hivematrix.archive.adapter.ledger.NeighbourHttp.Reply;
import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.domain.AccountNumber;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link CompanyDirectory} over Codex's HTTP API: {@code GET /api/companies} and {@code GET /api/companies/{account}}. */
final class CodexCompanyDirectory implements CompanyDirectory {
    static final String NOT_CONFIGURED = "Codex is not configured (CODEX_URL)";
    static final String TARGET = "codex";
    /** The name used when Codex lists a company without one; the same default a snapshot's company_name has. */
    static final String UNKNOWN_NAME = "Unknown";

    private static final System.Logger LOG = System.getLogger(CodexCompanyDirectory.class.getName());

    private final Optional<URI> codex;
    private final NeighbourHttp http;
    private final CoreServiceTokens tokens;

    CodexCompanyDirectory(Optional<URI> codex, NeighbourHttp http, CoreServiceTokens tokens) {
        this.codex = codex;
        this.http = http;
        this.tokens = tokens;
    }

    /** What one company list came to: the usable companies, and how many entries were left out and why. */
    record Listing(List<Company> companies, int withoutValidAccount, int duplicates) {
    }

    @Override
    public List<Company> allCompanies() {
        String what = "GET /api/companies";
        Reply reply = call("/api/companies", what);
        if (!reply.isSuccess()) {
            throw unavailable("Codex answered HTTP " + reply.status() + " to " + what, null);
        }
        JsonNode json = reply.json().orElseThrow(() -> unavailable("Codex's answer to " + what + " is not JSON", null));
        Listing listing = listing(json)
                .orElseThrow(() -> unavailable("Codex's answer to " + what + " is not a list of companies", null));
        if (listing.withoutValidAccount() > 0 || listing.duplicates() > 0) {
            // Skipped, not fatal: one bad record in Codex must not stop every other company's bill.
            LOG.log(Level.WARNING, "Codex listed " + listing.withoutValidAccount()
                    + " companies without a valid account number and " + listing.duplicates()
                    + " duplicates; they were left out");
        }
        return listing.companies();
    }

    @Override
    public Optional<Company> company(AccountNumber account) {
        if (account.value().equals(".") || account.value().equals("..")) {
            // Valid account numbers, but as a path segment they would climb the URL instead of naming a company.
            requireConfigured();
            return Optional.empty();
        }
        String what = "GET /api/companies/" + account.value();
        Reply reply = call("/api/companies/" + account.value(), what);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.isSuccess()) {
            throw unavailable("Codex answered HTTP " + reply.status() + " to " + what, null);
        }
        JsonNode json = reply.json().orElseThrow(() -> unavailable("Codex's answer to " + what + " is not JSON", null));
        // Some Codex versions wrap the record as {"company": {...}}.
        JsonNode company = json.path("company").isObject() ? json.get("company") : json;
        if (!company.isObject()) {
            throw unavailable("Codex's answer to " + what + " is not a company", null);
        }
        // We asked for this account by its path, so the answer is that company whatever spelling it echoes back.
        return Optional.of(new Company(account, name(company)));
    }

    /** The companies in a Codex list (a JSON array, or an object holding one under {@code companies}); empty when it is neither. */
    static Optional<Listing> listing(JsonNode json) {
        JsonNode array = json.isObject() && json.path("companies").isArray() ? json.get("companies") : json;
        if (!array.isArray()) {
            return Optional.empty();
        }
        List<Company> companies = new ArrayList<>();
        Set<AccountNumber> seen = new HashSet<>();
        int invalid = 0;
        int duplicates = 0;
        for (JsonNode entry : array) {
            Optional<AccountNumber> account = entry.isObject() ? account(entry.get("account_number")) : Optional.empty();
            if (account.isEmpty()) {
                invalid++;
            } else if (!seen.add(account.get())) {
                // Listed twice: one Ledger call per company is enough, the second would only answer 409.
                duplicates++;
            } else {
                companies.add(new Company(account.get(), name(entry)));
            }
        }
        return Optional.of(new Listing(List.copyOf(companies), invalid, duplicates));
    }

    /** Codex has sent account numbers both as strings and as numbers; anything else (or an invalid one) is no account. */
    private static Optional<AccountNumber> account(JsonNode node) {
        String text;
        if (node == null || node.isNull()) {
            return Optional.empty();
        } else if (node.isTextual()) {
            text = node.asText().strip();
        } else if (node.isIntegralNumber()) {
            text = node.asText();
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(new AccountNumber(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String name(JsonNode company) {
        JsonNode name = company.get("name");
        return name != null && name.isTextual() && !name.asText().isBlank() ? name.asText().strip() : UNKNOWN_NAME;
    }

    private Reply call(String path, String what) {
        URI base = requireConfigured();
        Optional<ServiceToken> token;
        try {
            token = tokens.tokenFor(TARGET);
        } catch (TokenUnavailable e) {
            throw unavailable("no service token for Codex: " + e.getMessage(), e);
        }
        Reply reply;
        try {
            reply = http.get(NeighbourHttp.resolve(base, path), token.map(ServiceToken::value));
        } catch (NoAnswer e) {
            throw unavailable("Codex " + e.getMessage() + " (" + what + ")", e);
        }
        if (reply.status() == 401) {
            // Codex refused the token: forget it so the next call (the job's retry) asks Core for a new one.
            token.ifPresent(t -> tokens.reject(TARGET, t.value()));
        }
        return reply;
    }

    private URI requireConfigured() {
        return codex.orElseThrow(() -> unavailable(NOT_CONFIGURED, null));
    }

    private static DirectoryUnavailable unavailable(String message, Throwable cause) {
        return new DirectoryUnavailable(message, cause);
    }
}
