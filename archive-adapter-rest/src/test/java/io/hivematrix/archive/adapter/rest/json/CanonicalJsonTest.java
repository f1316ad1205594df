package io.hivematrix.archive.adapter.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivematrix.archive.adapter.rest.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The canonical text is what record fingerprints of stored snapshots were computed over, so it must stay byte for
 * byte what it was: what Jackson writes for the value's tree with sorted properties (the reference below, the former
 * implementation), numbers as sent but in plain digits, no whitespace. The streaming writer builds no tree, and puts
 * an object in order either by copying it (small objects) or by linking its parts (large ones): both are checked.
 */
class CanonicalJsonTest {
    @Test
    void theFixturesBreakdown_isWrittenAsTheReferenceWritesIt() throws Exception {
        String breakdown = new String(Json.write(Json.read(Fixtures.ledgerSnapshot()).get("billing_data_json")),
                StandardCharsets.UTF_8);

        assertEquals(reference(breakdown), canonical(breakdown));
    }

    @Test
    void keysAreSortedAtEveryDepth_decimalsPlainWithTheirScale() throws Exception {
        assertEquals("{\"a\":{\"B\":100,\"_\":true,\"y\":\"é\"},\"b\":[{\"a\":null,\"z\":1.50}]}",
                canonical("{\"b\":[{\"z\":1.50,\"a\":null}],\"a\":{\"y\":\"é\",\"B\":1E+2,\"_\":true}}"));
        assertEquals("[0,0.0,-12,123456789012345678901234567890,0.0010,\"\\u0001\\n\\\"\"]",
                canonical("[-0, -0.0, -12, 123456789012345678901234567890, 1.0e-3, \"\\u0001\\n\\\"\"]"));
    }

    @Test
    void largeObjectsOutOfOrder_areLinkedRatherThanCopied_andStillWrittenInOrder() throws Exception {
        // Each value is far longer than the links its object takes, so these objects are put in order by links.
        String big = "x".repeat(5_000);
        String json = "{\"b\":{\"d\":\"" + big + "\",\"c\":[\"" + big + "\",{\"z\":1,\"y\":\"" + big + "\"}]},"
                + "\"a\":\"" + big + "\",\"ä\":{\"k\":\"" + big + "\",\"j\":2}}";

        assertEquals(reference(json), canonical(json));
    }

    @Test
    void deepNestingOutOfOrder_aroundALargeValue_isWrittenInOrder() throws Exception {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            json.append("{\"b\":");
        }
        json.append('"').append("v".repeat(100_000)).append('"');
        for (int i = 0; i < 500; i++) {
            json.append(",\"a\":").append(i).append('}');
        }

        assertEquals(reference(json.toString()), canonical(json.toString()));
    }

    @Test
    void randomValues_areWrittenAsTheReferenceWritesThem() throws Exception {
        Random random = new Random(20261206);
        for (int i = 0; i < 3_000; i++) {
            String json = new String(Json.write(randomValue(random, 0)), StandardCharsets.UTF_8);
            assertEquals(reference(json), canonical(json), "value " + i + ": " + json);
        }
    }

    @Test
    void numbersAreWrittenAsTheReferenceWritesThem_negativeZerosAndExponentsIncluded() throws Exception {
        // Integers and decimals without an exponent are copied as sent, so the cases where the reference's BigDecimal
        // or long writes something else are pinned here: negative zeros lose their sign, exponents are written out.
        for (String number : List.of("0", "-0", "-1", "7", "-0.0", "-0.000", "0.00", "-0.10", "1.50", "-12.340",
                "123456789012345678901234567890", "-9223372036854775809", "1e2", "-0e5", "1.50E+3", "1E-3",
                "-2.5e-4", "0e0", "-0.0e0")) {
            assertEquals(reference("[" + number + "]"), canonical("[" + number + "]"), number);
        }
    }

    @Test
    void longStrings_areWrittenPieceByPiece_asTheReferenceWritesThem() throws Exception {
        // Long enough to come from the parser in many pieces; pairs, escapes and 2- and 3-byte characters fall on
        // every offset, so that some pair is cut between two pieces.
        String[] fillers = {"\uD83D\uDE00", "é", "中", "\"", "\\", "\n", "\u0001", "a"};
        Random random = new Random(17);
        for (int round = 0; round < 20; round++) {
            StringBuilder value = new StringBuilder("x".repeat(random.nextInt(3)));
            while (value.length() < CanonicalJson.LONG_STRING + 150_000) {
                value.append(fillers[random.nextInt(fillers.length)]);
            }
            String json = "{\"memo\":" + new String(Json.write(value.toString()), StandardCharsets.UTF_8) + "}";
            assertEquals(reference(json), canonical(json), "round " + round);
        }
        String plain = "[\"" + "p".repeat(CanonicalJson.LONG_STRING + 1) + "\"]";
        assertEquals(plain, canonical(plain));
    }

    @Test
    void aLongStringWithANulOrHalfAPair_isRefusedByItsPath() throws Exception {
        String body = "a".repeat(CanonicalJson.LONG_STRING * 3);
        for (String bad : List.of(body + "\\u0000", "\\u0000" + body, body + "\\ud83d", "\\ude00" + body,
                body + "\\ud83d" + body)) {
            CanonicalJson.Outcome outcome = outcome("{\"k\":[1,\"" + bad + "\"]}", Long.MAX_VALUE);
            CanonicalJson.Outcome.Unstorable refused = assertInstanceOf(CanonicalJson.Outcome.Unstorable.class, outcome);
            assertEquals("billing_data_json.k[1]", refused.error().field());
        }
    }

    @Test
    void aDuplicateKeyAtAnyDepth_isNotJson() {
        for (String json : List.of("{\"a\":1,\"a\":2}", "{\"b\":1,\"a\":[{\"x\":1,\"y\":2,\"x\":3}]}",
                "[{\"k1\":1,\"k2\":2,\"k3\":3,\"k2\":4}]")) {
            JsonParseException refused = assertThrows(JsonParseException.class,
                    () -> outcome(json, Long.MAX_VALUE), json);
            assertTrue(refused.getOriginalMessage().startsWith("Duplicate field"), refused.getOriginalMessage());
        }
    }

    @Test
    void theLimitIsOnCharactersWrittenOut_countedAsAStringCountsThem() throws Exception {
        String json = "{\"b\":[1e2,\"é\uD83D\uDE00中\"],\"a\":{\"y\":1.50,\"x\":null}}";
        String text = canonical(json);

        assertEquals(new CanonicalJson.Outcome.Canonical(text), outcome(json, text.length()));
        assertInstanceOf(CanonicalJson.Outcome.TooLong.class, outcome(json, text.length() - 1));
        // Numbers written out in plain digits count as written, not as sent.
        assertInstanceOf(CanonicalJson.Outcome.TooLong.class,
                outcome("[" + "1e99,".repeat(200_000) + "1]", 10_000));
    }

    @Test
    void aRefusedValue_isReadToItsEnd_soTheParserStandsAfterIt() throws Exception {
        for (String refused : List.of("{\"a\":[1,{\"b\":1e9999,\"c\":[1,2]}],\"d\":{}}", "1e9999",
                "[\"\\u0000\", [[]]]", "{\"z\":{\"y\":[" + "1e99,".repeat(50) + "1]}}")) {
            try (JsonParser parser = Json.MAPPER.createParser("{\"x\":" + refused + ",\"next\":7}")) {
                parser.nextToken();
                parser.nextToken();
                parser.nextToken();
                CanonicalJson.Outcome outcome = CanonicalJson.read(parser, "billing_data_json", 300);
                assertTrue(!(outcome instanceof CanonicalJson.Outcome.Canonical), refused);
                assertEquals(JsonToken.FIELD_NAME, parser.nextToken(), refused);
                assertEquals("next", parser.currentName());
            }
        }
    }

    /** The value's canonical text, which it must have. */
    static String canonical(String json) throws Exception {
        return ((CanonicalJson.Outcome.Canonical) outcome(json, Long.MAX_VALUE)).text();
    }

    static CanonicalJson.Outcome outcome(String json, long maxChars) throws Exception {
        try (JsonParser parser = Json.checkedParser(json)) {
            parser.nextToken();
            CanonicalJson.Outcome outcome = CanonicalJson.read(parser, "billing_data_json", maxChars);
            assertEquals(null, parser.nextToken(), "the value was read to its end");
            return outcome;
        }
    }

    /** The former implementation: the tree of the value, written with sorted properties. */
    private static String reference(String json) throws Exception {
        JsonNode tree = Json.read(json);
        return Json.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED).writeValueAsString(tree);
    }

    private static final String KEY_CHARS = "abcAB_-zé0 9\u00e9\u4e2d\"\\\n\u0001\u007f/\uD83D\uDE00";

    private static JsonNode randomValue(Random random, int depth) {
        int kind = depth > 4 ? random.nextInt(6) : random.nextInt(8);
        var factory = Json.MAPPER.getNodeFactory();
        return switch (kind) {
            case 0 -> factory.nullNode();
            case 1 -> factory.booleanNode(random.nextBoolean());
            case 2 -> factory.numberNode(new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(8))
                    .scaleByPowerOfTen(random.nextInt(5) - 2));
            case 3 -> random.nextBoolean() ? factory.numberNode(random.nextInt()) : factory.numberNode(random.nextLong());
            case 4 -> factory.textNode(randomKey(random));
            // Now and then a value long enough that its object is linked rather than copied.
            case 5 -> factory.textNode(random.nextInt(10) == 0 ? "L".repeat(random.nextInt(3_000)) : "");
            case 6 -> {
                ArrayNode array = factory.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = factory.objectNode();
                for (int i = random.nextInt(7); i > 0; i--) {
                    object.set(randomKey(random), randomValue(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String randomKey(Random random) {
        StringBuilder key = new StringBuilder();
        for (int i = random.nextInt(5); i >= 0; i--) {
            int at = random.nextInt(KEY_CHARS.length());
            char c = KEY_CHARS.charAt(at);
            if (Character.isHighSurrogate(c)) {
                key.append(c).append(KEY_CHARS.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                key.append(c);
            }
        }
        return key.toString();
    }
}
