package io.hivematrix.archive.boot;

import io.hivematrix.archive.keyfiles.LogKeyFile;
import io.hivematrix.archive.adapter.rest.security.DevSigningKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.adapter.ledger.DirectoryWitness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.MerkleLog;
import io.hivematrix.archive.domain.NoteKey;
import io.hivematrix.archive.domain.SignedNote;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the whole service over one database and one log key: each new checkpoint is cut once, served alike
 * by both, kept in each instance's checkpoint directory, and proves the bills posted to either.
 */
class TransparencyLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<RunningArchive> running = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        running.forEach(RunningArchive::close);
        http.close();
    }

    /** An instance migrating as the owner and serving as the runtime role, as in production. */
    private RunningArchive start(TestPostgres.Roles database, Path checkpoints) {
        Map<String, String> values = new HashMap<>(Map.of("ARCHIVE_PORT", "0",
                "ARCHIVE_DATA_DIR", dir.resolve("data").toString(), "ARCHIVE_AUTH", "dev",
                "ARCHIVE_AUDIT_SEAL_INTERVAL_MS", "100", "ARCHIVE_CHECKPOINT_SECONDS", "1",
                "ARCHIVE_CHECKPOINT_DIR", checkpoints.toString(), "ARCHIVE_LOG_ORIGIN", "archive.test/two"));
        values.putAll(database.serviceSettings());
        RunningArchive archive = RunningArchive.start(ArchiveSettings.from(Config.just(ConfigSources.create(values),
                ConfigSources.classpath("application.yaml"))));
        running.add(archive);
        return archive;
    }

    private String token() {
        return "Bearer " + DevSigningKey.loadOrCreate(dir.resolve("data")).serviceToken("ledger", Duration.ofMinutes(5));
    }

    private HttpResponse<String> get(RunningArchive archive, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + archive.port() + path))
                .header("Authorization", token()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void post(RunningArchive archive, int i) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(TestArchive.fixture("ledger-snapshot-620547-202510.json"));
        body.put("invoice_number", "TLOG-" + i);
        body.put("company_account_number", "TLOG-ACC-" + i);
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + archive.port() + "/api/snapshot"))
                .header("Authorization", token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, res.statusCode(), res.body());
    }

    private static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** The checkpoint an instance serves, once it covers {@code size} leaves. */
    private String checkpointOf(RunningArchive archive, long size) {
        try {
            HttpResponse<String> res = get(archive, "/api/audit/checkpoint");
            return res.statusCode() == 200 && res.body().startsWith("archive.test/two\n" + size + "\n")
                    ? res.body() : null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void twoInstances_serveTheSameSignedCheckpoint_keepItAsAFile_andProveBillsPostedToEither() throws Exception {
        TestPostgres.Roles database = TestPostgres.newDatabaseWithRoles(TransparencyLogIT.class);
        RunningArchive a = start(database, dir.resolve("checkpoints-a"));
        RunningArchive b = start(database, dir.resolve("checkpoints-b"));
        post(a, 1);
        post(b, 2);
        post(a, 3);

        String note = await(() -> checkpointOf(a, 3), "a checkpoint of 3 leaves from a");
        assertEquals(note, await(() -> checkpointOf(b, 3), "the same checkpoint from b"));
        String key = get(a, "/api/audit/checkpoint/key").body().strip();
        assertEquals(key, get(b, "/api/audit/checkpoint/key").body().strip());
        assertEquals(LogKeyFile.loadOrCreate(dir.resolve("data/log-key"), "unused").verifierKey(), key,
                "the key 'archive log-key' prints");
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.verifiedText(note, NoteKey.verifier(key)).orElseThrow());
        assertEquals(3, checkpoint.size());

        for (String kept : List.of("checkpoints-a", "checkpoints-b")) {
            Path file = dir.resolve(kept).resolve(DirectoryWitness.fileName(3));
            await(() -> Files.exists(file) ? file : null, kept + " to keep checkpoint 3");
            assertEquals(note, Files.readString(file, StandardCharsets.UTF_8));
        }

        for (int i = 1; i <= 3; i++) {
            JsonNode proof = JSON.readTree(get(i % 2 == 0 ? a : b, "/api/audit/proof/TLOG-" + i).body());
            assertEquals(checkpoint.root().base64(), proof.get("root_hash").asText());
            List<LogHash> path = new ArrayList<>();
            proof.get("inclusion_path").forEach(h -> path.add(LogHash.fromBase64(h.asText())));
            assertTrue(MerkleLog.includes(path, 3, checkpoint.root(), proof.get("leaf_index").asLong(),
                    LogHash.of(Base64.getDecoder().decode(proof.get("leaf_hash").asText()))), "TLOG-" + i);
        }
        // One table row per cut: two instances looking every few seconds did not cut the same size twice.
        post(b, 4);
        String next = await(() -> checkpointOf(a, 4), "a checkpoint of 4 leaves");
        assertEquals(next, await(() -> checkpointOf(b, 4), "the same from b"));
        JsonNode consistency = JSON.readTree(get(b, "/api/audit/consistency?from=3").body());
        assertEquals(4, consistency.get("to").asLong());
    }
}
