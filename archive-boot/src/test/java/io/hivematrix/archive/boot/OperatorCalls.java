package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The job and search routes an operator uses, on one Archive, as its admin: shared by the monthly-run ITs. */
record OperatorCalls(Http1Client client, String admin) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Starts a bulk run as an admin; returns the job's id. */
    String bulk(int year, int month, List<String> accounts) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("year", year);
        body.put("month", month);
        body.put("account_numbers", accounts);
        try (Http1ClientResponse res = client.post("/api/snapshots/bulk/create")
                .header(HeaderNames.AUTHORIZATION, admin).header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(JSON.writeValueAsString(body))) {
            String text = res.as(String.class);
            assertEquals(202, res.status().code(), text);
            return JSON.readTree(text).get("job_id").asText();
        }
    }

    /** Retries a job as an operator does; returns the retry job's id. */
    String retry(String jobId) throws Exception {
        try (Http1ClientResponse res = client.post("/api/scheduler/jobs/" + jobId + "/retry")
                .header(HeaderNames.AUTHORIZATION, admin).request()) {
            String text = res.as(String.class);
            assertEquals(202, res.status().code(), text);
            return JSON.readTree(text).get("job_id").asText();
        }
    }

    /** Polls the job until it is no longer running. */
    JsonNode finished(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Http1ClientResponse res = client.get("/api/scheduler/jobs/" + id)
                    .header(HeaderNames.AUTHORIZATION, admin).request()) {
                String text = res.as(String.class);
                assertEquals(200, res.status().code(), text);
                JsonNode job = JSON.readTree(text);
                if (!job.get("status").asText().equals("running")) {
                    return job;
                }
                assertTrue(System.nanoTime() < deadline, "still running: " + text);
            }
            Thread.sleep(50);
        }
    }

    int archivedIn(int year, int month) throws Exception {
        try (Http1ClientResponse res = client.get("/api/snapshots/search").queryParam("year", String.valueOf(year))
                .queryParam("month", String.valueOf(month)).header(HeaderNames.AUTHORIZATION, admin).request()) {
            String text = res.as(String.class);
            assertEquals(200, res.status().code(), text);
            return JSON.readTree(text).get("total").asInt();
        }
    }
}
