package io.hivematrix.archive.adapter.rest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * Refuses, in one streaming pass before any tree is built, a body whose JSON tree would take far more heap than the
 * body itself (as tree nodes, tiny values such as {@code {}} take up to 30 times their text), or that holds more values
 * than any bill, each of which costs time to read, check and write out again.
 */
public final class JsonBudget {
    /**
     * A body's tree may take this many bytes of heap per byte (or character) of body. A real bill takes 3 to 6 (the
     * fixture, pretty-printed or compact), a compact breakdown of small objects like the fixture's users about 11;
     * empty objects take 26 and are refused.
     */
    static final int TREE_BYTES_PER_BODY_BYTE = 16;
    /** And this many more, so that no small body is refused for its shape. */
    static final int ALLOWANCE_BYTES = 1024 * 1024;
    /**
     * The most JSON values (objects, arrays, strings, numbers, true, false, null) one body may hold. A bill at the
     * limit of 10,000 line items holds about 70,000. Each value costs time to read, check and write out again: 10 MiB
     * of {@code []} (3.5 million values) took 0.75 to 1.1 s of CPU to accept, 850,000 values in small objects 0.4 to
     * 1.1 s (at -Xmx512m, the more for garbage collection).
     */
    static final int MAX_VALUES = 500_000;

    // What Jackson's tree nodes take on a 64-bit JVM with compressed references (measured with jackson-databind 2.20
    // on JDK 25): within about 1.7 times of the real heap of every shape tried. Keys are not counted, since a body's
    // repeated keys share one string; an object of many distinct keys therefore takes about twice its estimate.
    private static final int OBJECT = 72;
    private static final int OBJECT_TABLE = 80;
    private static final int FIELD = 48;
    private static final int ELEMENT = 6;
    private static final int ARRAY = 40;
    private static final int TEXT = 56;
    private static final int INT = 16;
    private static final int LONG = 24;
    private static final int BIG_NUMBER = 56;

    /** The refusal, with a message for the client. */
    public static final class TooDense extends StreamConstraintsException {
        TooDense(String message) {
            super(message);
        }
    }

    private JsonBudget() {
    }

    /** The heap a body of this length may make its tree take. */
    static long budget(int bodyLength) {
        return (long) TREE_BYTES_PER_BODY_BYTE * bodyLength + ALLOWANCE_BYTES;
    }

    /**
     * Reads {@code parser} to the end; throws {@link TooDense} once its tree would take more than {@code budget} bytes
     * or it passes {@link #MAX_VALUES}, or what the parser throws for text that is not JSON.
     */
    static void check(JsonParser parser, long budget) throws IOException {
        long estimate = 0;
        int values = 0;
        try (parser) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                estimate += cost(parser, token);
                if (estimate > budget) {
                    throw new TooDense("Request body is refused: its JSON would take more than "
                            + TREE_BYTES_PER_BODY_BYTE + " times its size in memory (too many tiny values, such as"
                            + " {}, for its length)");
                }
                if ((token.isStructStart() || token.isScalarValue()) && ++values > MAX_VALUES) {
                    throw new TooDense("Request body is refused: it holds more than " + MAX_VALUES + " JSON values");
                }
            }
        }
    }

    private static long cost(JsonParser parser, JsonToken token) throws IOException {
        JsonStreamContext context = parser.getParsingContext();
        return switch (token) {
            case START_OBJECT -> OBJECT + element(context.getParent());
            case START_ARRAY -> ARRAY + element(context.getParent());
            // The object's hash table comes with its first field.
            case FIELD_NAME -> FIELD + (context.getCurrentIndex() == 0 ? OBJECT_TABLE : 0);
            case VALUE_STRING -> element(context) + (parser.getTextLength() == 0 ? 0 : TEXT + parser.getTextLength());
            case VALUE_NUMBER_INT -> element(context) + integer(parser);
            case VALUE_NUMBER_FLOAT -> element(context) + BIG_NUMBER + digitsBeyondLong(parser.getTextLength());
            // true, false and null are shared nodes: only their place in an array costs.
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> element(context);
            default -> 0;
        };
    }

    /** An array's slot for a value; a value in an object is paid for with its field. */
    private static int element(JsonStreamContext container) {
        return container != null && container.inArray() ? ELEMENT : 0;
    }

    private static long integer(JsonParser parser) throws IOException {
        int length = parser.getTextLength();
        if (length <= 2 && parser.getIntValue() >= -1 && parser.getIntValue() <= 10) {
            return 0; // Jackson shares the nodes of -1 to 10
        }
        return length <= 9 ? INT : length <= 18 ? LONG : BIG_NUMBER + digitsBeyondLong(length);
    }

    private static long digitsBeyondLong(int length) {
        return length > 18 ? length / 2 : 0;
    }
}
