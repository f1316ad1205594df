package io.hivematrix.archive.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.testkit.neighbours.FakeCoreServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Core (its JWKS) becomes unreachable after start: tokens signed with known keys still verify; others are refused. */
class CoreOutageIT {
    @Test
    void withCoreGone_knownKeysStillVerify_andUnknownKeysAreRefused() throws Exception {
        try (ControlledPostgres postgres = ControlledPostgres.start();
             FakeCoreServer core = new FakeCoreServer();
             ServiceProcess service = ServiceProcess.start("core-outage", postgres.jdbcUrl(), core.uri(), Map.of())) {
            String search = "/api/snapshots/search?account_number=620547";
            assertEquals(200, new Api(service.uri(), core.user("billing")).get(search).statusCode());

            core.stop();
            int verified = 0;
            for (int i = 0; i < 20; i++) {
                // A new token each time (fresh jti): verified against the keys kept from Core, not remembered.
                HttpResponse<String> res = new Api(service.uri(), core.user("billing")).get(search);
                assertEquals(200, res.statusCode(), res.body());
                HttpResponse<String> create = new Api(service.uri(), core.service("ledger")).post("/api/snapshot",
                        Bills.body("CO" + i, 2025, 1, "CORE-OUT-" + i));
                assertEquals(201, create.statusCode(), create.body());
                verified += 2;
            }
            int refused = 0;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> res = new Api(service.uri(), core.unknownKey()).get(search);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertEquals(401, res.statusCode(), res.body());
                assertTrue(res.body().contains("\"status\":401"), res.body());
                // Looking for the unknown key at an unreachable Core must not hold the request up.
                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "refusal took " + took);
                refused++;
            }
            System.out.printf("core outage: %d requests with known keys verified, %d with an unknown key refused "
                    + "(401), Core unreachable throughout%n", verified, refused);
        }
    }
}
