package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A corpus of hostile parameters and bodies against the real stack: never a 5xx, never a write. */
@ServerTest
class HostileInputIT {
    @AutoClose
    private static TestArchive archive;

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        archive = TestArchive.wire(routing, HostileInputIT.class);
    }

    private static final List<String> VALUES = List.of(
            "' OR 1=1 --", "1; DROP TABLE billing_snapshots; --", "%", "_", "\\", "%%__\\\\", "' || pg_sleep(5) --",
            "9".repeat(400), "-1", "0", "99999999999999999999", "1e5", "NaN", "Infinity", "-0", "0x10",
            "１２３", "２０２５-０１", "2025-13", "2025-00", "2025-02-30", "0000-01-01", "2025-1-1", "9999-12-31",
            "\u0000", "\u202e", "😀", "名前", " ", "null", "[]", "{}", "true", "a".repeat(5_000), "A0\nA1",
            "MDAwMDA6MQ", "OjE", "LTE6LTE", "=cmd|' /C calc'!A0");

    private static final List<String> PARAMETERS = List.of("account_number", "year", "month", "from_date", "to_date",
            "company", "from_period", "to_period", "min_total", "max_total", "limit", "offset", "cursor");

    private final URI uri;
    private final HttpClient http = HttpClient.newHttpClient();

    HostileInputIT(URI uri) {
        this.uri = uri;
    }

    @Test
    void hostileQueryParameters_neverCauseA5xx() throws Exception {
        String reader = archive.userBearer("billing");
        List<String> failures = new ArrayList<>();
        for (String parameter : PARAMETERS) {
            for (String value : VALUES) {
                String query = "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                for (String path : List.of("/api/snapshots/search", "/api/snapshots/export.csv",
                        "/api/snapshots/company/620547")) {
                    int status = get(path + query, reader);
                    if (status >= 500) {
                        failures.add(status + " " + path + query);
                    }
                }
            }
        }
        for (String value : VALUES) {
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            for (String path : List.of("/api/snapshot/" + encoded, "/api/snapshot/" + encoded + "/csv",
                    "/api/snapshots/company/" + encoded)) {
                int status = get(path, reader);
                if (status >= 500) {
                    failures.add(status + " " + path);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void injectionInTheCompanyFilter_isJustText() throws Exception {
        String reader = archive.userBearer("billing");
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri.resolve("/api/snapshots/search?company="
                + URLEncoder.encode("' OR 1=1 --", StandardCharsets.UTF_8)))
                .header("Authorization", reader).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode());
        assertTrue(res.body().contains("\"total\":0"), res.body());
    }

    @Test
    void hostileBodies_neverCauseA5xx_andStoreNothing() throws Exception {
        String ledger = archive.bearer("ledger");
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        List<String> bodies = List.of("", "null", "[]", "\"x\"", "{", deep, "{\"billing_year\":1e999999}",
                "{\"total_amount\":" + "9".repeat(2_000) + "}",
                "{\"billing_data_json\":{\"k\":\"\\u0000\"},\"invoice_csv\":\"\\u0000\"}",
                "{\"company_account_number\":\"620547\",\"billing_year\":2025,\"billing_month\":10,"
                        + "\"invoice_number\":\"H-1\",\"total_amount\":1,\"billing_data_json\":" + deep
                        + ",\"invoice_csv\":\"x\"}",
                "{\"line_items\":[" + "{},".repeat(20_000) + "{}]}");
        List<String> failures = new ArrayList<>();
        for (String body : bodies) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri.resolve("/api/snapshot"))
                    .header("Authorization", ledger).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() >= 500 || res.statusCode() == 201) {
                failures.add(res.statusCode() + " for a body starting " + body.substring(0, Math.min(40, body.length())));
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(404, get("/api/snapshot/H-1", archive.userBearer("admin")));
    }

    private int get(String pathAndQuery, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri.toString().replaceAll("/$", "") + pathAndQuery))
                .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
