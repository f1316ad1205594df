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
import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.MonthlyReport;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.hivematrix.archive.domain.PeriodTotals;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The monthly report: what was billed in each period of a range, as JSON or as CSV, read as a search is. */
public final class ReportRoutes implements HttpService {
    static final String[] CSV_HEADER = {"period", "companies", "snapshots", "total_amount", "total_user_charges",
        "total_asset_charges", "total_backup_charges", "total_ticket_charges", "total_line_item_charges"};

    private final MonthlyReport report;
    private final Set<String> writers;

    public ReportRoutes(MonthlyReport report, Set<String> writers) {
        this.report = report;
        this.writers = writers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/reports/monthly", Access.READ.guard(writers, this::json))
                .any("/api/reports/monthly", Problems.methodNotAllowed("GET"))
                .get("/api/reports/monthly.csv", Access.READ.guard(writers, this::csv))
                .any("/api/reports/monthly.csv", Problems.methodNotAllowed("GET"));
    }

    /** One row of the JSON report; money as JSON numbers with their cents, as every amount of the API. */
    record PeriodRow(String period, long companies, long snapshots, BigDecimal totalAmount,
                     BigDecimal totalUserCharges, BigDecimal totalAssetCharges, BigDecimal totalBackupCharges,
                     BigDecimal totalTicketCharges, BigDecimal totalLineItemCharges) {
        static PeriodRow from(PeriodTotals t) {
            return new PeriodRow(t.period().toString(), t.companies(), t.snapshots(), t.totalAmount(),
                    t.userCharges(), t.assetCharges(), t.backupCharges(), t.ticketCharges(), t.lineItemCharges());
        }
    }

    private void json(ServerRequest req, ServerResponse res) {
        Query query = Query.read(req);
        MonthlyReport.Report rows = run(req, res, query);
        if (rows == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", query.from().toString());
        body.put("to", query.to().toString());
        body.put("account_number", query.account() == null ? null : query.account().value());
        body.put("periods", rows.periods().stream().map(PeriodRow::from).toList());
        res.header(HeaderNames.CACHE_CONTROL, "no-store"); // a period's totals grow while its bills arrive
        JsonResponses.send(res, body);
    }

    private void csv(ServerRequest req, ServerResponse res) {
        Query query = Query.read(req);
        MonthlyReport.Report rows = run(req, res, query);
        if (rows == null) {
            return;
        }
        // At most 120 short rows: written whole, then sent.
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get().print(out)) {
            for (PeriodTotals t : rows.periods()) {
                // The export's guard on the one text cell, so a spreadsheet never runs a cell as a formula.
                printer.printRecord(ExportCsv.text(t.period().toString()), t.companies(), t.snapshots(),
                        plain(t.totalAmount()), plain(t.userCharges()), plain(t.assetCharges()),
                        plain(t.backupCharges()), plain(t.ticketCharges()), plain(t.lineItemCharges()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"archive-monthly_" + query.from() + "_"
                + query.to() + ".csv\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(out.toString());
    }

    /** The report, or null once a 400 naming the bad parameters has been sent. */
    private MonthlyReport.Report run(ServerRequest req, ServerResponse res, Query query) {
        if (!query.errors().isEmpty()) {
            Problems.invalid(req, res, ProblemType.INVALID_PARAMETERS, query.errors());
            return null;
        }
        return switch (report.report(query.from(), query.to(), query.account())) {
            case MonthlyReport.Report rows -> rows;
            case MonthlyReport.Invalid invalid -> {
                Problems.invalid(req, res, ProblemType.INVALID_PARAMETERS, invalid.errors());
                yield null;
            }
        };
    }

    private static String plain(BigDecimal amount) {
        return amount.toPlainString();
    }

    /** The report's parameters as read, with every one that is missing or malformed named. */
    private record Query(BillingPeriod from, BillingPeriod to, AccountNumber account, List<FieldError> errors) {
        static Query read(ServerRequest req) {
            List<FieldError> errors = new ArrayList<>();
            // A blank value counts as absent, as in every other query (QueryParams).
            Function<String, String> param = name -> req.query().first(name).orElse("");
            BillingPeriod from = period("from", param.apply("from"), errors);
            BillingPeriod to = period("to", param.apply("to"), errors);
            AccountNumber account = null;
            String accountText = param.apply("account_number");
            if (!accountText.isBlank()) {
                try {
                    account = new AccountNumber(accountText);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("account_number", e.getMessage()));
                }
            }
            return new Query(from, to, account, errors);
        }

        private static BillingPeriod period(String name, String text, List<FieldError> errors) {
            if (text.isBlank()) {
                errors.add(new FieldError(name, "is required, as YYYY-MM"));
                return null;
            }
            try {
                return BillingPeriod.parse(text);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(name, e.getMessage()));
                return null;
            }
        }
    }
}
