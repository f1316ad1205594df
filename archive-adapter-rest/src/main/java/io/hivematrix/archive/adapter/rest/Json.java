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

    /** Writes object properties in sorted order at every depth, without copying the tree first. */
    private static final ObjectWriter CANONICAL = MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    private Json() {
    }

    static JsonNode read(byte[] body) throws IOException {
        try (JsonParser parser = MAPPER.createParser(body)) {
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

    /** Whether any string or key in the value holds a NUL character. */
    static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (field.getKey().indexOf('\0') >= 0 || containsNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
