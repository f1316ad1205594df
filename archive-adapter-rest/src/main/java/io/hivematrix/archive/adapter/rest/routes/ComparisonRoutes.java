package io.hivematrix.archive.adapter.rest.routes;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.http.JsonResponses;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.adapter.rest.security.Access;
import io.hivematrix.archive.application.port.in.CompareBills;
import io.hivematrix.archive.application.port.in.CompareBillsResult;
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.domain.InvoiceNumber;
import java.util.List;
import java.util.Set;

/** {@code GET /api/snapshot/{invoice}/diff[?against=…]}: what changed from another bill, by default the previous. */
public final class ComparisonRoutes implements HttpService {
    static final String AGAINST = "against";

    private final CompareBills compare;
    private final Set<String> writers;

    public ComparisonRoutes(CompareBills compare, Set<String> writers) {
        this.compare = compare;
        this.writers = writers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/snapshot/{invoice}/diff", Access.READ.guard(writers, this::diff))
                .any("/api/snapshot/{invoice}/diff", Problems.methodNotAllowed("GET"));
    }

    private void diff(ServerRequest req, ServerResponse res) {
        // An empty ?against= counts as absent, as an empty search parameter does.
        String againstText = req.query().first(AGAINST).orElse("");
        InvoiceNumber against = null;
        if (!againstText.isBlank()) {
            try {
                against = new InvoiceNumber(againstText);
            } catch (IllegalArgumentException e) {
                Problems.invalid(req, res, ProblemType.INVALID_PARAMETERS, List.of(new FieldError(AGAINST,
                        e.getMessage())));
                return;
            }
        }
        InvoiceNumber invoice;
        try {
            invoice = new InvoiceNumber(req.path().pathParameters().get("invoice"));
        } catch (IllegalArgumentException e) {
            // As GET /api/snapshot/{invoice} answers: no bill can have a malformed number.
            Problems.send(req, res, ProblemType.SNAPSHOT_NOT_FOUND, "No snapshot has that invoice number");
            return;
        }
        switch (compare.compare(invoice, against)) {
            case CompareBillsResult.Found found -> {
                // The default "previous" bill changes when a late bill of an earlier period is archived.
                res.header(HeaderNames.CACHE_CONTROL, "no-store");
                JsonResponses.send(res, BillComparisonView.of(found.comparison()));
            }
            case CompareBillsResult.NotFound missing -> notFound(req, res, missing.invoiceNumber().value(),
                    missing.which() == CompareBillsResult.Which.AGAINST);
            case CompareBillsResult.NoPrevious none -> Problems.send(req, res, ProblemType.NO_PREVIOUS_SNAPSHOT,
                    "Company " + none.accountNumber() + " has no snapshot of a period before " + none.period()
                            + " to compare " + none.invoiceNumber() + " with; name one with ?against=");
        }
    }

    private static void notFound(ServerRequest req, ServerResponse res, String invoice, boolean against) {
        Problems.send(req, res, ProblemType.SNAPSHOT_NOT_FOUND, against
                ? "No snapshot has the invoice number given as against: " + invoice
                : "No snapshot has the invoice number " + invoice);
    }
}
