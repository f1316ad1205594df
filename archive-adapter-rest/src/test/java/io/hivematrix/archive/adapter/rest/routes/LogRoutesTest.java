package io.hivematrix.archive.adapter.rest.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.testkit.InMemoryAuditLog;
import io.hivematrix.archive.testkit.InMemoryLogTree;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.testkit.SampleSnapshots;
import io.hivematrix.archive.adapter.rest.ArchiveHttp;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import io.hivematrix.archive.adapter.rest.TestTokens;
import io.hivematrix.archive.application.service.CutCheckpointService;
import io.hivematrix.archive.application.service.ProveLogService;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The transparency log's routes, checked the way an outside auditor would: the checkpoint's signature with the served
 * key, and every proof with a verifier written here from RFC 9162 §2.1.3.2 and §2.1.4.2 and the signed-note spec,
 * sharing no code with the service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER = "Bearer " + TestTokens.user("billing");
    private static final InMemorySnapshotStore STORE = new InMemorySnapshotStore();
    private static final InMemoryAuditLog AUDIT = new InMemoryAuditLog(STORE);
    private static final InMemoryLogTree TREE = new InMemoryLogTree(AUDIT, STORE);
    private static final CutCheckpointService CUTTER = new CutCheckpointService(TREE, "archive.test/log",
            TestApis.LOG_KEY, Duration.ZERO, List.of(), Clock.systemUTC());
    private static int bills;

    @AutoClose
    private static final DirectClient client = RoutesUnderTest.of(LogRoutesTest::routing);

    private static void routing(HttpRouting.Builder routing) {
        ArchiveHttp.routing(routing, TestApis.over(STORE, AUDIT,
                new ProveLogService(TREE, TestApis.LOG_KEY.verifierKey()),
                TestApis.verifier()));
    }

    private static void archive(int count, boolean seal) {
        for (int i = 0; i < count; i++) {
            bills++;
            STORE.save(SampleSnapshots.bill("INV-L" + bills, "ACC-L" + bills, 2025, 1),
                    ReceivedBody.of("{\"n\":" + bills + "}"),
                    Instant.now(), null);
        }
        if (seal) {
            AUDIT.sealPending(10_000, Instant.now());
        }
    }

    private record Answer(int status, String type, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private Answer get(String path) {
        int q = path.indexOf('?');
        var request = client.get(q < 0 ? path : path.substring(0, q)).header(HeaderNames.AUTHORIZATION, READER);
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                String[] nv = pair.split("=", 2);
                request.queryParam(nv[0], nv[1]);
            }
        }
        try (Http1ClientResponse res = request.request()) {
            return new Answer(res.status().code(), res.headers().contentType().map(Object::toString).orElse(""),
                    res.as(String.class));
        }
    }

    @Test
    @Order(1)
    void beforeTheFirstCheckpoint_theCheckpointIs404_butTheKeyIsServed() throws Exception {
        Answer checkpoint = get("/api/audit/checkpoint");
        assertEquals(404, checkpoint.status());
        assertEquals("urn:hivematrix:archive:problem:no-checkpoint", checkpoint.json().get("type").asText());
        Answer key = get("/api/audit/checkpoint/key");
        assertEquals(200, key.status());
        assertTrue(key.type().startsWith("text/plain"), key.type());
        assertEquals(TestApis.LOG_KEY.verifierKey() + "\n", key.body());
    }

    @Test
    @Order(2)
    void theCheckpoint_isSignedByTheServedKey_andEveryInclusionProofChecksAgainstIt() throws Exception {
        archive(13, true);
        CUTTER.cut().orElseThrow();
        Answer note = get("/api/audit/checkpoint");
        assertEquals(200, note.status());
        assertTrue(note.type().startsWith("text/plain"), note.type());
        String[] checkpoint = verifiedCheckpoint(note.body(), get("/api/audit/checkpoint/key").body().strip());
        assertEquals("archive.test/log", checkpoint[0]);
        assertEquals("13", checkpoint[1]);
        byte[] root = Base64.getDecoder().decode(checkpoint[2]);

        for (int i = 1; i <= 13; i++) {
            JsonNode proof = get("/api/audit/proof/INV-L" + i).json();
            assertEquals(i - 1, proof.get("leaf_index").asLong());
            assertEquals(13, proof.get("tree_size").asLong());
            assertEquals(checkpoint[2], proof.get("root_hash").asText());
            assertTrue(Rfc9162.verifyInclusion(proof.get("leaf_index").asLong(), 13,
                    Base64.getDecoder().decode(proof.get("leaf_hash").asText()), paths(proof.get("inclusion_path")),
                    root), "leaf " + (i - 1));
        }
        JsonNode atFive = get("/api/audit/proof/INV-L2?tree_size=5").json();
        assertEquals(5, atFive.get("tree_size").asLong());
        assertTrue(Rfc9162.verifyInclusion(1, 5, Base64.getDecoder().decode(atFive.get("leaf_hash").asText()),
                paths(atFive.get("inclusion_path")), Base64.getDecoder().decode(atFive.get("root_hash").asText())));
    }

    @Test
    @Order(3)
    void aConsistencyProof_showsTheNewCheckpointExtendsTheOld() throws Exception {
        String key = get("/api/audit/checkpoint/key").body().strip();
        String[] old = verifiedCheckpoint(get("/api/audit/checkpoint").body(), key);
        archive(8, true);
        CUTTER.cut().orElseThrow();
        String[] now = verifiedCheckpoint(get("/api/audit/checkpoint").body(), key);
        assertEquals("21", now[1]);
        JsonNode proof = get("/api/audit/consistency?from=" + old[1]).json();
        assertEquals(13, proof.get("from").asLong());
        assertEquals(21, proof.get("to").asLong());
        assertTrue(Rfc9162.verifyConsistency(13, 21, Base64.getDecoder().decode(old[2]),
                Base64.getDecoder().decode(now[2]), paths(proof.get("consistency_path"))));
        // A root not in this log fails the same check: the verifier is not a yes-machine.
        byte[] other = Base64.getDecoder().decode(old[2]);
        other[0] ^= 1;
        assertTrue(!Rfc9162.verifyConsistency(13, 21, other, Base64.getDecoder().decode(now[2]),
                paths(proof.get("consistency_path"))));
        JsonNode same = get("/api/audit/consistency?from=21&to=21").json();
        assertEquals(0, same.get("consistency_path").size());
    }

    @Test
    @Order(4)
    void whatHasNoProof_saysWhy() throws Exception {
        archive(1, false);
        Answer waiting = get("/api/audit/proof/INV-L" + bills);
        assertEquals(409, waiting.status());
        assertEquals("urn:hivematrix:archive:problem:not-yet-in-log", waiting.json().get("type").asText());
        Answer later = get("/api/audit/proof/INV-L20?tree_size=3");
        assertEquals(409, later.status());
        assertEquals(19, later.json().get("leaf_index").asLong());
        assertEquals(404, get("/api/audit/proof/INV-NOPE").status());
        assertEquals(404, get("/api/audit/proof/%20%20").status());
    }

    @Test
    @Order(5)
    void badSizes_areRefusedNamingTheParameter() throws Exception {
        assertField(get("/api/audit/proof/INV-L1?tree_size=abc"), "tree_size");
        assertField(get("/api/audit/proof/INV-L1?tree_size=0"), "tree_size");
        assertField(get("/api/audit/proof/INV-L1?tree_size=-3"), "tree_size");
        assertField(get("/api/audit/proof/INV-L1?tree_size=99999999999999999999999"), "tree_size");
        assertField(get("/api/audit/proof/INV-L1?tree_size=22"), "tree_size");
        assertField(get("/api/audit/consistency"), "from");
        assertField(get("/api/audit/consistency?from=x&to=3"), "from");
        assertField(get("/api/audit/consistency?from=4&to=3"), "from");
        assertField(get("/api/audit/consistency?from=1&to=99"), "to");
    }

    @Test
    @Order(6)
    void onlyGet_andOnlyWithAToken() {
        try (Http1ClientResponse res = client.post("/api/audit/checkpoint").header(HeaderNames.AUTHORIZATION, READER)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit("{}")) {
            assertEquals(405, res.status().code());
        }
        try (Http1ClientResponse res = client.get("/api/audit/proof/INV-L1").request()) {
            assertEquals(401, res.status().code());
        }
    }

    private static void assertField(Answer answer, String field) throws Exception {
        assertEquals(400, answer.status(), answer.body());
        assertEquals(field, answer.json().get("errors").get(0).get("field").asText(), answer.body());
    }

    private static List<byte[]> paths(JsonNode array) {
        List<byte[]> path = new ArrayList<>();
        array.forEach(n -> path.add(Base64.getDecoder().decode(n.asText())));
        return path;
    }

    /**
     * Checks a signed note's signature by the verifier key {@code <name>+<hex id>+<base64 0x01 ‖ key>} and returns the
     * checkpoint's three lines (C2SP signed-note and tlog-checkpoint).
     */
    static String[] verifiedCheckpoint(String note, String verifierKey) throws Exception {
        String[] key = verifierKey.split("\\+", 3); // base64 may hold "+" too
        byte[] typed = Base64.getDecoder().decode(key[2]);
        assertEquals(1, typed[0], "an Ed25519 key");
        byte[] raw = Arrays.copyOfRange(typed, 1, typed.length);
        byte[] x509 = HexFormat.of().parseHex("302a300506032b6570032100");
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                concat(x509, raw)));
        int split = note.indexOf("\n\n");
        String text = note.substring(0, split + 1);
        String line = note.substring(split + 2).lines().filter(l -> l.startsWith("\u2014 " + key[0] + " "))
                .findFirst().orElseThrow();
        byte[] signature = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
        assertEquals(key[1], HexFormat.of().formatHex(signature, 0, 4), "key id");
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(publicKey);
        ed.update(text.getBytes(StandardCharsets.UTF_8));
        assertTrue(ed.verify(signature, 4, 64), "signature");
        // The key id is the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ key).
        byte[] id = MessageDigest.getInstance("SHA-256").digest(concat(
                (key[0] + "\n").getBytes(StandardCharsets.UTF_8), typed));
        assertEquals(key[1], HexFormat.of().formatHex(id, 0, 4));
        return text.split("\n");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** RFC 9162's verification algorithms, transcribed step by step. */
    static final class Rfc9162 {
        private Rfc9162() {
        }

        static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root)
                throws Exception {
            if (leafIndex >= treeSize) {
                return false;
            }
            long fn = leafIndex;
            long sn = treeSize - 1;
            byte[] r = leafHash;
            for (byte[] p : path) {
                if (sn == 0) {
                    return false;
                }
                if ((fn & 1) == 1 || fn == sn) {
                    r = node(p, r);
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                } else {
                    r = node(r, p);
                }
                fn >>= 1;
                sn >>= 1;
            }
            return sn == 0 && Arrays.equals(r, root);
        }

        static boolean verifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash,
                                         List<byte[]> proof) throws Exception {
            if (first == second) {
                return proof.isEmpty() && Arrays.equals(firstHash, secondHash);
            }
            List<byte[]> path = new ArrayList<>(proof);
            if (BigInteger.valueOf(first).bitCount() == 1) {
                path.addFirst(firstHash);
            }
            long fn = first - 1;
            long sn = second - 1;
            while ((fn & 1) == 1) {
                fn >>= 1;
                sn >>= 1;
            }
            byte[] fr = path.getFirst();
            byte[] sr = path.getFirst();
            for (byte[] c : path.subList(1, path.size())) {
                if (sn == 0) {
                    return false;
                }
                if ((fn & 1) == 1 || fn == sn) {
                    fr = node(c, fr);
                    sr = node(c, sr);
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                } else {
                    sr = node(sr, c);
                }
                fn >>= 1;
                sn >>= 1;
            }
            return sn == 0 && Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash);
        }

        private static byte[] node(byte[] left, byte[] right) throws Exception {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 1);
            sha.update(left);
            return sha.digest(right);
        }
    }
}
