package io.hivematrix.archive.adapter.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The adapter's one {@link ObjectMapper}, configured once: snake_case names, decimals read from the
 * JSON text as {@code BigDecimal} exactly as written (never through a double), duplicate keys rejected.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** Jackson's own bound (GeneratorBase.MAX_BIG_DECIMAL_SCALE) on writing a decimal in plain digits. */
    static final int MAX_PLAIN_SCALE = 9_999;
    /** The field error for text holding half a surrogate pair. */
    static final String UNPAIRED_SURROGATE =
            "must be Unicode text: an unpaired surrogate (such as \\ud800) is no character";

    /** Writes object properties in sorted order at every depth, without copying the tree first. */
    private static final ObjectWriter CANONICAL = MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    private Json() {
    }

    static JsonNode read(byte[] body) throws IOException {
        return readWhole(MAPPER.createParser(body));
    }

    /** Reads text already decoded: no guessing of its encoding from the first bytes. */
    static JsonNode read(String body) throws IOException {
        return readWhole(MAPPER.createParser(body));
    }

    private static JsonNode readWhole(JsonParser source) throws IOException {
        try (JsonParser parser = source) {
            JsonNode node = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new IOException("unexpected content after the JSON value");
            }
            return node;
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The canonical text of a JSON value: object keys sorted, no insignificant whitespace, numbers
     * exactly as sent. Two bodies that mean the same thing get the same text, so their hashes agree.
     */
    static String canonical(JsonNode node) {
        try {
            return CANONICAL.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why a JSON value could not be kept exactly as sent, or null when it can: PostgreSQL text cannot hold a NUL,
     * UTF-8 cannot encode an unpaired surrogate (a JSON escape can name half a pair; it would be stored as "?"),
     * and the canonical form cannot write a number like 1e10000 in plain digits (Jackson throws).
     */
    static String whyUnstorable(JsonNode node) {
        if (node.isTextual()) {
            return whyUnstorable(node.textValue());
        }
        if (node.isBigDecimal() && Math.abs(node.decimalValue().scale()) > MAX_PLAIN_SCALE) {
            return "must not contain numbers with more than " + MAX_PLAIN_SCALE
                    + " digits after the decimal point or trailing zeros (such as 1e10000)";
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String why = whyUnstorable(field.getKey());
                if (why == null) {
                    why = whyUnstorable(field.getValue());
                }
                if (why != null) {
                    return why;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                String why = whyUnstorable(element);
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    private static String whyUnstorable(String text) {
        if (text.indexOf('\0') >= 0) {
            return "must not contain NUL characters";
        }
        return hasUnpairedSurrogate(text) ? UNPAIRED_SURROGATE : null;
    }

    /** Whether the text holds half of a surrogate pair on its own, which no UTF-8 can encode. */
    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
