package io.hivematrix.archive.bench.monthly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;

/**
 * Posts a company's bill to the Archive's {@code POST /api/snapshot} as the real Ledger does before it answers
 * bill/accept: the stored Ledger fixture (34 line items), re-addressed to the company and the month.
 */
final class BillPostBack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI snapshots;
    private final String bearer;
    private final JsonNode fixture;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    BillPostBack(URI archive, Path fixture, String ledgerToken) {
        this.snapshots = URI.create(archive.toString().replaceAll("/+$", "") + "/api/snapshot");
        this.bearer = "Bearer " + ledgerToken;
        try {
            this.fixture = JSON.readTree(Files.readString(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bill fixture " + fixture.toAbsolutePath(), e);
        }
    }

    /** The Archive's status for the bill (201 stored, 409 already there), or 0 when it did not answer. */
    int post(String account, int year, int month) {
        YearMonth period = YearMonth.of(year, month);
        ObjectNode bill = fixture.deepCopy();
        bill.put("company_account_number", account)
                .put("company_name", FakeCodex.name(account))
                .put("billing_year", year)
                .put("billing_month", month)
                .put("invoice_number", account + "-" + String.format("%04d%02d", year, month))
                .put("invoice_date", period.atEndOfMonth().toString())
                .put("due_date", period.atEndOfMonth().plusDays(30).toString());
        ((ObjectNode) bill.get("billing_data_json").get("client")).put("account_number", account)
                .put("name", FakeCodex.name(account));
        try {
            HttpRequest request = HttpRequest.newBuilder(snapshots).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(bill))).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
