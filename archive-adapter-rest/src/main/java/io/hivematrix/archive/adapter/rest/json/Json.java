package io.hivematrix.archive.adapter.rest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The adapter's one {@link ObjectMapper}, configured once: snake_case names, decimals read from the
 * JSON text as {@code BigDecimal} exactly as written (never through a double), duplicate keys rejected.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
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

    /** Reads one value of a stream that goes on after it (the mapper itself refuses what follows a value). */
    private static final ObjectReader ONE_VALUE = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * The most digits a kept number may have before the decimal point, and the most after it. The canonical form
     * writes numbers in plain digits, where the 6 characters of 1e9999 become 10,000 digits. No amount, rate or
     * count of a bill comes near 100 digits, and at 100 the canonical text of a number is at most about 20 times as
     * long as the number as sent (1e99 becomes 100 digits).
     */
    static final int MAX_NUMBER_DIGITS = 100;
    /** The field error for a number of more digits than {@link #MAX_NUMBER_DIGITS}. */
    static final String TOO_MANY_DIGITS = "must have at most " + MAX_NUMBER_DIGITS + " digits before and "
            + MAX_NUMBER_DIGITS + " after the decimal point, written out";
    /** The field error for text holding half a surrogate pair. */
    public static final String UNPAIRED_SURROGATE =
            "must be Unicode text: an unpaired surrogate (such as \\ud800) is no character";

    /** An object key a path can name after a dot; any other is quoted, as in {@code a["b.c"]}. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");
    private static final int MAX_KEY_IN_PATH = 40;
    private static final int MAX_PATH = 200;

    private Json() {
    }

    /** Reads a body whose tree would take at most {@link JsonBudget#budget} (else {@link JsonBudget.TooDense}). */
    public static JsonNode read(byte[] body) throws IOException {
        JsonFactory parsers = parsers();
        JsonBudget.check(parsers.createParser(body), JsonBudget.budget(body.length));
        return readWhole(parsers.createParser(body));
    }

    /** Reads text already decoded: no guessing of its encoding from the first bytes. Within the same budget. */
    public static JsonNode read(String body) throws IOException {
        JsonFactory parsers = parsers();
        JsonBudget.check(parsers.createParser(body), JsonBudget.budget(body.length()));
        return readWhole(parsers.createParser(body));
    }

    /**
     * A parser of text already decoded, once the whole text has been checked to be JSON within its
     * {@link JsonBudget#budget} (else {@link JsonBudget.TooDense}), for a caller that reads it as a stream.
     */
    public static JsonParser checkedParser(String body) throws IOException {
        JsonFactory parsers = parsers();
        // Duplicate keys are found by the second pass: here their sets of names would only double the garbage.
        JsonBudget.check(parsers.createParser(body).disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION),
                JsonBudget.budget(body.length()));
        return parsers.createParser(body);
    }

    /** Reads the value at the parser's current token as a tree, leaving the parser at its last token. */
    public static JsonNode readValue(JsonParser parser) throws IOException {
        try {
            return ONE_VALUE.readTree(parser);
        } catch (NumberFormatException e) {
            // How Jackson reports a number whose exponent does not fit an int (1e99999999999): not a JSON error.
            throw new JsonParseException(parser, e.getMessage(), e);
        }
    }

    /**
     * The mapper's parser factory, copied for each body so that each has a symbol table of its own (for object keys).
     * Jackson's shared one is corrupted for good by a body of hash-colliding keys: its collision check throws in the
     * middle of an insert, and from then on every body that grows the table fails with an IllegalStateException, a
     * 500 for every caller until a restart (jackson-core 2.20 to 2.22). A copy costs a few small arrays.
     */
    private static JsonFactory parsers() {
        return MAPPER.getFactory().copy();
    }

    private static JsonNode readWhole(JsonParser source) throws IOException {
        try (JsonParser parser = source) {
            JsonNode node;
            try {
                node = MAPPER.readTree(parser);
            } catch (NumberFormatException e) {
                throw new JsonParseException(parser, e.getMessage(), e);
            }
            if (parser.nextToken() != null) {
                throw new IOException("unexpected content after the JSON value");
            }
            return node;
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why a number has too many digits to be kept (see {@link #MAX_NUMBER_DIGITS}), or null when it has not. */
    public static String whyTooManyDigits(BigDecimal number) {
        // Digits after the point: the scale; before it: precision - scale (1e99 has precision 1, scale -99).
        if (number.scale() > MAX_NUMBER_DIGITS || (long) number.precision() - number.scale() > MAX_NUMBER_DIGITS) {
            return TOO_MANY_DIGITS;
        }
        return null;
    }

    /** A path as clients name fields, short enough for an error: long keys and deep paths are cut, with "…". */
    static String path(String name, Deque<Object> steps) {
        StringBuilder out = new StringBuilder(name);
        for (Object step : steps) {
            if (step instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else if (PLAIN_KEY.matcher((String) step).matches()) {
                out.append('.').append(step);
            } else {
                String key = (String) step;
                out.append("[\"");
                quoteInto(out, key.length() > MAX_KEY_IN_PATH ? key.substring(0, MAX_KEY_IN_PATH) : key);
                out.append(key.length() > MAX_KEY_IN_PATH ? "…\"]" : "\"]");
            }
        }
        if (out.length() <= MAX_PATH) {
            return out.toString();
        }
        return out.substring(0, MAX_PATH / 2) + "…" + out.substring(out.length() - MAX_PATH / 2);
    }

    /** A key as JSON string content; by hand, since the key may hold half a surrogate pair that no writer takes. */
    private static void quoteInto(StringBuilder out, String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
    }

    /** Why text cannot be stored exactly (a NUL, half a surrogate pair), or null when it can. */
    static String whyUnstorable(String text) {
        if (text.indexOf('\0') >= 0) {
            return "must not contain NUL characters";
        }
        return hasUnpairedSurrogate(text) ? UNPAIRED_SURROGATE : null;
    }

    /** Whether the text holds half of a surrogate pair on its own, which no UTF-8 can encode. */
    public static boolean hasUnpairedSurrogate(String text) {
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
