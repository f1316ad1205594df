package io.hivematrix.archive.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The canonical text is what record fingerprints of stored snapshots were computed over, so it must stay
 * byte for byte what it was: keys sorted at every depth by a copy of the tree (the reference below), numbers
 * as sent, no whitespace.
 */
class JsonCanonicalTest {
    @Test
    void theFixturesBreakdown_isWrittenAsTheReferenceWritesIt() throws Exception {
        JsonNode billingData = Json.read(Fixtures.ledgerSnapshot().getBytes(StandardCharsets.UTF_8))
                .get("billing_data_json");

        assertEquals(reference(billingData), Json.canonical(billingData));
    }

    @Test
    void keysAreSortedAtEveryDepth_decimalsPlainWithTheirScale() throws Exception {
        JsonNode node = Json.read("{\"b\":[{\"z\":1.50,\"a\":null}],\"a\":{\"y\":\"é\",\"B\":1E+2,\"_\":true}}"
                .getBytes(StandardCharsets.UTF_8));

        assertEquals("{\"a\":{\"B\":100,\"_\":true,\"y\":\"é\"},\"b\":[{\"a\":null,\"z\":1.50}]}", Json.canonical(node));
    }

    @Test
    void randomTrees_areWrittenAsTheReferenceWritesThem() throws Exception {
        Random random = new Random(20261128);
        for (int i = 0; i < 2_000; i++) {
            JsonNode tree = randomValue(random, 0);
            // Through text and back, as a request body arrives.
            JsonNode parsed = Json.read(Json.write(tree));
            assertEquals(reference(parsed), Json.canonical(parsed), "tree " + i);
        }
    }

    /** The former implementation: a sorted copy of the tree, then written. */
    private static String reference(JsonNode node) throws Exception {
        return Json.MAPPER.writeValueAsString(sortedCopy(node));
    }

    private static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode copy = Json.MAPPER.getNodeFactory().objectNode();
            for (String name : names) {
                copy.set(name, sortedCopy(node.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.getNodeFactory().arrayNode(node.size());
            node.forEach(element -> copy.add(sortedCopy(element)));
            return copy;
        }
        return node;
    }

    private static final String KEY_CHARS = "abcAB_-zé0 9\u00e9\u4e2d\"\\";

    private static JsonNode randomValue(Random random, int depth) {
        int kind = depth > 4 ? random.nextInt(5) : random.nextInt(7);
        var factory = Json.MAPPER.getNodeFactory();
        return switch (kind) {
            case 0 -> factory.nullNode();
            case 1 -> factory.booleanNode(random.nextBoolean());
            case 2 -> factory.numberNode(new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(8)));
            case 3 -> factory.numberNode(random.nextInt());
            case 4 -> factory.textNode(randomKey(random));
            case 5 -> {
                ArrayNode array = factory.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = factory.objectNode();
                for (int i = random.nextInt(6); i > 0; i--) {
                    object.set(randomKey(random), randomValue(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String randomKey(Random random) {
        StringBuilder key = new StringBuilder();
        for (int i = random.nextInt(5); i >= 0; i--) {
            key.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
        }
        return key.toString();
    }
}
