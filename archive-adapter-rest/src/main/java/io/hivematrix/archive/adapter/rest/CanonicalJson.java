package io.hivematrix.archive.adapter.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.hivematrix.archive.application.port.in.FieldError;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Writes one JSON value in canonical form (object keys sorted at every depth, numbers in plain digits, no whitespace)
 * straight from a parser's tokens, and refuses what could not be stored exactly, naming its path. It builds no tree:
 * a tree of small values takes 3 to 30 times their text, where this takes about the text itself.
 *
 * <p>The text is byte for byte what writing the value's Jackson tree with sorted properties gives (record fingerprints
 * of stored snapshots were computed over it). Each object's entries are written as they come and put in key order by
 * relinking spans ({@link SpanText}); a small object is then copied into its order in place, so the links it took are
 * given back. "Small" is measured against its links: copying is paid for by the links it frees, at most
 * {@link #COPY_PER_SPAN} bytes each, so no nesting makes the work grow faster than the body.
 */
final class CanonicalJson {
    /** What reading the value gave. */
    sealed interface Outcome {
        /** The canonical text. */
        record Canonical(String text) implements Outcome {
        }

        /** The first value that cannot be kept exactly as sent, by its path. */
        record Unstorable(FieldError error) implements Outcome {
        }

        /** The canonical text would be longer than the limit. */
        record TooLong() implements Outcome {
        }
    }

    /**
     * An object is copied into key order when its text is at most this many bytes per link it would otherwise keep: a
     * link takes 12 bytes, so what stays linked is at most 12/32 of the text.
     */
    static final int COPY_PER_SPAN = 32;

    private static final byte[] OPEN_OBJECT = {'{'};
    private static final byte[] CLOSE_OBJECT = {'}'};
    private static final byte[] OPEN_ARRAY = {'['};
    private static final byte[] CLOSE_ARRAY = {']'};
    private static final byte[] COMMA = {','};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** Why reading stops early; no stack trace, since it is an answer, not a failure. */
    private static final class Stop extends RuntimeException {
        private final transient Outcome outcome;

        Stop(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    /** An object's entries as written: key, the comma before it (none for the first), and its text. */
    private static final class Entries {
        private String[] keys = new String[8];
        private long[] commas = new long[8];
        private long[] chains = new long[8];
        private int size;
        private boolean sorted = true;

        void add(String key, long comma, long chain) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                commas = Arrays.copyOf(commas, size * 2);
                chains = Arrays.copyOf(chains, size * 2);
            }
            sorted &= size == 0 || keys[size - 1].compareTo(key) < 0;
            keys[size] = key;
            commas[size] = comma;
            chains[size++] = chain;
        }

        /** The entries' indexes in key order (keys are distinct: the parser refuses duplicates). */
        int[] keyOrder() {
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            if (!sorted) {
                mergeSort(order, new int[size], 0, size);
            }
            return order;
        }

        /** A merge sort of indexes by key: no boxing, and n log n whatever the keys. */
        private void mergeSort(int[] order, int[] scratch, int from, int to) {
            if (to - from < 2) {
                return;
            }
            int middle = (from + to) >>> 1;
            mergeSort(order, scratch, from, middle);
            mergeSort(order, scratch, middle, to);
            System.arraycopy(order, from, scratch, from, to - from);
            int left = from;
            int right = middle;
            for (int i = from; i < to; i++) {
                if (right >= to || (left < middle && keys[scratch[left]].compareTo(keys[scratch[right]]) < 0)) {
                    order[i] = scratch[left++];
                } else {
                    order[i] = scratch[right++];
                }
            }
        }
    }

    private final JsonParser parser;
    private final String name;
    private final long maxChars;
    private final SpanText text = new SpanText();
    private final Deque<Object> path = new ArrayDeque<>();
    /** The text's length in UTF-16 units, as {@code String.length()} would count it: what the limit is stated in. */
    private long chars;

    private CanonicalJson(JsonParser parser, String name, long maxChars) {
        this.parser = parser;
        this.name = name;
        this.maxChars = maxChars;
    }

    /**
     * Reads the value whose first token is the parser's current one, to its end (also when refused), as the value
     * {@code name} of at most {@code maxChars} characters written out.
     */
    static Outcome read(JsonParser parser, String name, long maxChars) throws IOException {
        JsonToken first = parser.currentToken();
        JsonStreamContext outside = first.isStructStart()
                ? parser.getParsingContext().getParent() : parser.getParsingContext();
        CanonicalJson reader = new CanonicalJson(parser, name, maxChars);
        try {
            long chain = reader.value(first);
            return new Outcome.Canonical(reader.text.toString(chain));
        } catch (Stop stop) {
            // Read on to the value's end, so that the caller's parser stands where it would have.
            while (parser.getParsingContext() != outside && parser.nextToken() != null) {
                parser.skipChildren();
            }
            return stop.outcome;
        }
    }

    private long value(JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object();
            case START_ARRAY -> array();
            case VALUE_STRING -> string(parser.getText());
            case VALUE_NUMBER_INT -> integer();
            case VALUE_NUMBER_FLOAT -> decimal();
            case VALUE_TRUE -> append(TRUE);
            case VALUE_FALSE -> append(FALSE);
            case VALUE_NULL -> append(NULL);
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    private long object() throws IOException {
        long start = text.length();
        int mark = text.spanMark();
        long open = append(OPEN_OBJECT);
        Entries entries = new Entries();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String key = parser.currentName();
            path.addLast(key);
            refuseIfUnstorable(key);
            long comma = entries.size == 0 ? SpanText.EMPTY : append(COMMA);
            long keyChain = append(quotedKey(key));
            entries.add(key, comma, text.concat(keyChain, value(parser.nextToken())));
            path.removeLast();
        }
        long chain = open;
        int[] order = entries.keyOrder();
        for (int i = 0; i < entries.size; i++) {
            // Separators are interchangeable: the i-th comma as written goes before the i-th entry in key order.
            chain = text.concat(text.concat(chain, entries.commas[i]), entries.chains[order[i]]);
        }
        return collapse(text.concat(chain, append(CLOSE_OBJECT)), start, mark);
    }

    private long array() throws IOException {
        long start = text.length();
        int mark = text.spanMark();
        long chain = append(OPEN_ARRAY);
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (index > 0) {
                chain = text.concat(chain, append(COMMA));
            }
            path.addLast(index++);
            chain = text.concat(chain, value(token));
            path.removeLast();
        }
        return collapse(text.concat(chain, append(CLOSE_ARRAY)), start, mark);
    }

    /**
     * The value written from {@code start} on as one span when it can be, giving back the links it took: at once when
     * its text is already in order, by copying it into order when it is small for its links.
     */
    private long collapse(long chain, long start, int mark) {
        if (text.contiguous(chain)) {
            text.release(mark);
            return text.span(start, text.length());
        }
        if (text.length() - start <= (long) COPY_PER_SPAN * (text.spanMark() - mark)) {
            return text.rewriteInOrder(chain, start, mark);
        }
        return chain;
    }

    private long string(String value) {
        refuseIfUnstorable(value);
        return append(quoted(value));
    }

    private long integer() throws IOException {
        // The digit limit, checked on the text before any arithmetic; then as a tree writes it ("-0" is 0).
        String digits = parser.getText();
        refuseIfTooManyDigits(digits.length() - (digits.startsWith("-") ? 1 : 0) > Json.MAX_NUMBER_DIGITS);
        String canonical = switch (parser.getNumberType()) {
            case INT -> Integer.toString(parser.getIntValue());
            case LONG -> Long.toString(parser.getLongValue());
            default -> parser.getBigIntegerValue().toString();
        };
        return append(canonical);
    }

    private long decimal() throws IOException {
        BigDecimal number;
        try {
            number = parser.getDecimalValue();
        } catch (NumberFormatException e) {
            // How Jackson reports an exponent that does not fit an int (1e99999999999): not a JSON error.
            throw new JsonParseException(parser, e.getMessage(), e);
        }
        refuseIfTooManyDigits(Json.whyTooManyDigits(number) != null);
        return append(number.toPlainString());
    }

    private long append(String ascii) {
        chars += ascii.length();
        refuseIfTooLong();
        return text.append(ascii);
    }

    private long append(byte[] utf8) {
        chars += utf16Length(utf8);
        refuseIfTooLong();
        return text.append(utf8);
    }

    private void refuseIfTooLong() {
        if (chars > maxChars) {
            throw new Stop(new Outcome.TooLong());
        }
    }

    private void refuseIfUnstorable(String value) {
        String why = Json.whyUnstorable(value);
        if (why != null) {
            throw new Stop(new Outcome.Unstorable(new FieldError(Json.path(name, path), why)));
        }
    }

    private void refuseIfTooManyDigits(boolean tooMany) {
        if (tooMany) {
            throw new Stop(new Outcome.Unstorable(new FieldError(Json.path(name, path),
                    Json.TOO_MANY_DIGITS)));
        }
    }

    /** A string as JSON, quoted and escaped as Jackson's writers escape it. */
    private static byte[] quoted(String value) {
        return quoted(value, 0);
    }

    /** A key, quoted and escaped, and its colon. */
    private static byte[] quotedKey(String key) {
        byte[] out = quoted(key, 1);
        out[out.length - 1] = ':';
        return out;
    }

    private static byte[] quoted(String value, int extra) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] out = new byte[escaped.length + 2 + extra];
        out[0] = '"';
        System.arraycopy(escaped, 0, out, 1, escaped.length);
        out[escaped.length + 1] = '"';
        return out;
    }

    /** How many UTF-16 units the UTF-8 text decodes to: one per lead byte, two for a four-byte sequence. */
    private static int utf16Length(byte[] utf8) {
        int units = 0;
        for (byte b : utf8) {
            if ((b & 0xC0) != 0x80) {
                units += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }
        return units;
    }
}
