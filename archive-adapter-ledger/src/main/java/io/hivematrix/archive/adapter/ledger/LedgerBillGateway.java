package io.hivematrix.archive.adapter.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivematrix.archive.adapter.ledger.CoreServiceTokens.ServiceToken;
import io.hivematrix.archive.adapter.ledger.CoreServiceTokens.TokenUnavailable;
import io.hivematrix.archive.adapter.ledger.NeighbourHttp.NoAnswer;
import io.hivematrix.archive.adapter.ledger.NeighbourHttp.Reply;
import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import java.net.URI;
import java.util.Optional;

/** {@link LedgerGateway} over Ledger's {@code POST /api/bill/accept}: one call, its answer mapped to an outcome, never an exception. */
final class LedgerBillGateway implements LedgerGateway {
    static final String NOT_CONFIGURED = "Ledger is not configured (LEDGER_URL)";
    static final String TARGET = "ledger";
    /** Errors are stored per company in the job; a whole HTML error page is of no use there. */
    static final int MAX_ERROR_LENGTH = 500;

    private final Optional<URI> ledger;
    private final NeighbourHttp http;
    private final CoreServiceTokens tokens;

    LedgerBillGateway(Optional<URI> ledger, NeighbourHttp http, CoreServiceTokens tokens) {
        this.ledger = ledger;
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    public boolean configured() {
        return ledger.isPresent();
    }

    @Override
    public AcceptOutcome acceptBill(AccountNumber account, BillingPeriod period, String notes) {
        if (ledger.isEmpty()) {
            // Not retryable: no amount of waiting configures it.
            return new AcceptOutcome.Failed(0, NOT_CONFIGURED, false);
        }
        Optional<ServiceToken> token;
        try {
            token = tokens.tokenFor(TARGET);
        } catch (TokenUnavailable e) {
            return new AcceptOutcome.Failed(0, truncate("no service token for Ledger: " + e.getMessage()), e.retryable());
        }
        ObjectNode body = NeighbourHttp.JSON.createObjectNode()
                .put("account_number", account.value())
                .put("year", period.year())
                .put("month", period.month())
                // Ledger is Python: a null would reach string code that expects text.
                .put("notes", notes == null ? "" : notes);
        Reply reply;
        try {
            reply = http.postJson(NeighbourHttp.resolve(ledger.get(), "/api/bill/accept"), body,
                    token.map(ServiceToken::value));
        } catch (NoAnswer e) {
            return new AcceptOutcome.Failed(0, truncate("Ledger " + e.getMessage()), true);
        }
        return outcome(reply, token);
    }

    private AcceptOutcome outcome(Reply reply, Optional<ServiceToken> token) {
        int status = reply.status();
        if (status == 409) {
            return new AcceptOutcome.AlreadyArchived(status);
        }
        if (reply.isSuccess()) {
            Optional<String> invalid = invalidSuccess(reply);
            if (invalid.isPresent()) {
                // Not Ledger's answer (a proxy's page, a wrong LEDGER_URL), so nothing says the bill was taken. Asking
                // again is safe: if Ledger did take it, the retry gets a 409, which counts as archived.
                return new AcceptOutcome.Failed(status, "Ledger answered HTTP " + status
                        + " with an invalid response: " + invalid.get(), true);
            }
            // Ledger answers 201; any other 2xx still means it took the bill, and calling again would only get a 409.
            return new AcceptOutcome.Archived(status);
        }
        if (status == 401) {
            token.ifPresent(t -> tokens.reject(TARGET, t.value()));
            // A refused cached token may be stale or revoked: the retry gets a new one. A token fetched for this very
            // call (or none at all, Core not configured) will not fare better next time.
            boolean retryable = token.isPresent() && !token.get().fresh();
            return new AcceptOutcome.Failed(status, error(reply), retryable);
        }
        boolean retryable = status >= 500 || status == 429 || status == 408;
        return new AcceptOutcome.Failed(status, error(reply), retryable);
    }

    /** What is wrong with a success answer's body, which Ledger always sends as a JSON object; empty when nothing is. */
    private static Optional<String> invalidSuccess(Reply reply) {
        // The body itself stays out of the error: a stranger's page may hold anything, and the job keeps errors.
        Optional<JsonNode> json = reply.json();
        if (json.isEmpty()) {
            return Optional.of("not JSON");
        }
        return json.get().isObject() ? Optional.empty() : Optional.of("JSON, but not an object");
    }

    /** "Ledger answered HTTP 400: <Ledger's error>", or just the status when the body says nothing readable. */
    private static String error(Reply reply) {
        String prefix = "Ledger answered HTTP " + reply.status();
        Optional<String> said = reply.json().flatMap(json -> text(json, "error").or(() -> text(json, "message")));
        return truncate(said.map(s -> prefix + ": " + s).orElse(prefix));
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip()) : Optional.empty();
    }

    static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
