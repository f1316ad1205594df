package io.hivematrix.archive.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Adversarial values by family, as jqwik arbitraries: JSON values for bodies, text for queries and paths. */
final class HostileValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final List<String> SQL = List.of("' OR 1=1 --", "1; DROP TABLE billing_snapshots; --",
            "'); DELETE FROM billing_snapshots; --", "' || pg_sleep(5) --", "%' AND 1=1 --", "$$; SELECT 1; $$",
            "E'\\x00'", "\\'", "%", "_", "%%__\\\\", "620547' --", "1 UNION SELECT * FROM idempotency_keys");
    private static final List<String> PATHS = List.of("../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e/%2e%2e/",
            "/etc/passwd%00.json", "file:///etc/passwd", "....//....//", "..", ".", "/", "a/b", "?x=1", "#frag",
            "%2F", "%252e%252e%252f");
    private static final List<String> UNICODE = List.of("😀", "\u202eRTL text", "名前", "１２３", "２０２５-１０", "ÅÄÖ",
            "e\u0301", "\ud800", "\udc00", "a\ud83d", "\ufeff", "\uffff", "\ufffd", "𝕏".repeat(300),
            "ß".repeat(255), "\u0627\u0644\u0639\u0631\u0628\u064a\u0629");
    private static final List<String> CONTROL = List.of("\u0000", "a\u0000b", "\u0001\u001f", "\r\n", "A0\nA1", "\t",
            "\u007f", "\u2028\u2029", "\u0085", "\b\f", "\u001b[31m");
    private static final List<String> OTHER = List.of("=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "null", "true", "[]", "{}", "NaN", "Infinity", "-0",
            "0x10", "1e5", " ", "", "MDAwMDA6MQ", "OjE", "LTE6LTE");

    private HostileValues() {
    }

    /** A generated JSON value: a tree node, or raw JSON text no tree holds (1e999999, NaN, 3,000 nested arrays). */
    record Value(String family, JsonNode node, String raw) {
        static Value of(String family, JsonNode node) {
            return new Value(family, node, null);
        }

        static Value raw(String family, String raw) {
            return new Value(family, null, raw);
        }

        @Override
        public String toString() {
            return family + " " + abbreviate(raw != null ? raw : String.valueOf(node));
        }
    }

    /** Every family of text at once, weighted so each shows up often in a few hundred tries. */
    static Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(List.<Tuple2<Integer, Arbitrary<String>>>of(
                weight(3, Arbitraries.of(SQL)),
                weight(3, Arbitraries.of(PATHS)),
                weight(3, Arbitraries.of(UNICODE)),
                weight(3, Arbitraries.of(CONTROL)),
                weight(2, Arbitraries.of(OTHER)),
                // Up to a few KB: most fit Helidon's 4 KB request line, so they reach the routes; some do not.
                weight(2, hugeStrings(100, 3_000)),
                weight(3, Arbitraries.strings().all().ofMaxLength(40)),
                weight(2, Arbitraries.of("9".repeat(30), "99999999999999999999", "-1", "0", "2147483648",
                        "-2147483649", "1e309", "1.0000001", "1875.001", "0.00"))));
    }

    /** JSON values of every hostile family, plus plausible ones so some mutated bills are still valid. */
    static Arbitrary<Value> jsonValues() {
        return Arbitraries.frequencyOf(List.<Tuple2<Integer, Arbitrary<Value>>>of(
                weight(2, wrongTypes()),
                weight(1, Arbitraries.just(Value.of("null", NODES.nullNode()))),
                weight(3, numbers()),
                weight(1, negatives()),
                weight(2, deepNesting()),
                weight(1, hugeStrings(1_000, 200_000).map(s -> Value.of("huge string", NODES.textNode(s)))),
                weight(3, Arbitraries.of(UNICODE).map(s -> Value.of("unicode", NODES.textNode(s)))),
                weight(2, Arbitraries.of(CONTROL).map(s -> Value.of("control", NODES.textNode(s)))),
                weight(2, Arbitraries.of(SQL).map(s -> Value.of("sql", NODES.textNode(s)))),
                weight(2, Arbitraries.of(PATHS).map(s -> Value.of("path", NODES.textNode(s)))),
                weight(1, Arbitraries.of(OTHER).map(s -> Value.of("other text", NODES.textNode(s)))),
                weight(2, Arbitraries.strings().all().ofMaxLength(40)
                        .map(s -> Value.of("random text", NODES.textNode(s)))),
                weight(4, plausible())));
    }

    private static Arbitrary<Value> wrongTypes() {
        return Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.arrayNode(), NODES.objectNode(),
                NODES.textNode("text"), NODES.numberNode(42), NODES.numberNode(new BigDecimal("1.5")),
                NODES.arrayNode().add("620547"), NODES.objectNode().put("value", 1),
                NODES.arrayNode().add(NODES.objectNode())).map(n -> Value.of("wrong type", n));
    }

    /** Numbers at and past every limit: a double's, a long's, NUMERIC(14,2)'s, the parser's and the writer's. */
    static Arbitrary<Value> numbers() {
        Arbitrary<Value> nodes = Arbitraries.of(new BigDecimal("1e309"), new BigDecimal("-1e309"),
                        new BigDecimal("1E+9999"), new BigDecimal("1e-400"), new BigDecimal("999999999999.99"),
                        new BigDecimal("1000000000000"), new BigDecimal("0.1234567890123"), new BigDecimal("1.005"),
                        new BigDecimal("1875.000000000000000000001"))
                .map(d -> Value.of("huge number", NODES.numberNode(d)));
        Arbitrary<Value> integers = Arbitraries.of(new BigInteger("9".repeat(30)),
                        BigInteger.TWO.pow(63), BigInteger.TWO.pow(64), BigInteger.TWO.pow(31), BigInteger.TEN.pow(999))
                .map(i -> Value.of("huge number", NODES.numberNode(i)));
        // Text no Java number survives: the server must refuse it, not fail on it.
        Arbitrary<Value> raw = Arbitraries.of("1e999999", "-1e999999999", "1e-999999", "1E+10000", "9".repeat(1_001),
                        "0." + "0".repeat(2_000) + "1", "NaN", "-Infinity", "01", ".5", "1.", "+1", "0x10")
                .map(t -> Value.raw("huge number", t));
        Arbitrary<Value> random = Arbitraries.integers().between(0, 8).flatMap(scale -> Arbitraries.bigDecimals()
                .between(new BigDecimal("-1E15"), new BigDecimal("1E15")).ofScale(scale))
                .map(d -> Value.of("random number", NODES.numberNode(d)));
        return Arbitraries.oneOf(nodes, integers, raw, random);
    }

    private static Arbitrary<Value> negatives() {
        return Arbitraries.of(NODES.numberNode(-1), NODES.numberNode(new BigDecimal("-0.01")), NODES.textNode("-1"),
                NODES.numberNode(Integer.MIN_VALUE), NODES.numberNode(Long.MIN_VALUE),
                NODES.numberNode(new BigDecimal("-0.0"))).map(n -> Value.of("negative", n));
    }

    /** Arrays or objects nested 2-3,000 deep, as text: past the parser's limit (1,000) and below it. */
    private static Arbitrary<Value> deepNesting() {
        return Arbitraries.integers().between(2, 3_000).withDistribution(RandomDistribution.uniform())
                .flatMap(depth -> Arbitraries.of(
                        "[".repeat(depth) + "]".repeat(depth),
                        "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                        "[{\"k\":".repeat(depth / 2) + "null" + "}]".repeat(depth / 2)))
                .map(text -> Value.raw("deep nesting", text));
    }

    private static Arbitrary<String> hugeStrings(int min, int max) {
        return Arbitraries.integers().between(min, max).flatMap(length -> Arbitraries.of("a", "😀", "\u0000", "'",
                "\\", "\"", "é", "\u202e", "0").map(unit -> unit.repeat(Math.max(1, length / unit.length()))));
    }

    private static Arbitrary<Value> plausible() {
        return Arbitraries.of(NODES.textNode("2025"), NODES.numberNode(2025), NODES.numberNode(10),
                NODES.textNode("10"), NODES.textNode("2025-10-31"), NODES.textNode("2025-02-30"),
                NODES.textNode("1875.00"), NODES.textNode("1875"), NODES.numberNode(0), NODES.numberNode(1),
                NODES.textNode("user"), NODES.textNode("custom"), NODES.textNode("asset"), NODES.textNode("Acme"),
                NODES.textNode("PLAUSIBLE-1"), NODES.numberNode(new BigDecimal("0.50")),
                NODES.objectNode().put("note", "ok"), NODES.arrayNode().add(1).add("two"))
                .map(n -> Value.of("plausible", n));
    }

    static String abbreviate(String text) {
        String shown = text.length() <= 80 ? text : text.substring(0, 60) + "…(" + text.length() + " chars)";
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return out.toString();
    }

    private static <T> Tuple2<Integer, Arbitrary<T>> weight(int weight, Arbitrary<T> values) {
        return Tuple.of(weight, values);
    }
}
