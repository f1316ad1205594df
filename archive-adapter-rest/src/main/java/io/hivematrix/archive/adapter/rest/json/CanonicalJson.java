package io.hivematrix.archive.adapter.rest.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.hivematrix.archive.application.port.in.FieldError;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

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
public final class CanonicalJson {
    /** What reading the value gave. */
    public sealed interface Outcome {
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
    /** A string longer than this many characters is written out piece by piece ({@link #longString}). */
    static final int LONG_STRING = 8 * 1024;

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

    /**
     * An object's entries as written: key, the comma before it (none for the first), and its text. One per depth,
     * used again by every object at that depth, so that small objects cost no arrays of their own.
     */
    private static final class Entries {
        private String[] keys = new String[8];
        private long[] commas = new long[8];
        private long[] chains = new long[8];
        private int[] order = new int[8];
        private int[] scratch = new int[8];
        private int size;
        private boolean sorted;

        Entries clear() {
            Arrays.fill(keys, 0, size, null);
            size = 0;
            sorted = true;
            return this;
        }

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

        /** The chain of the i-th entry in key order (keys are distinct: the parser refuses duplicates). */
        long chainInKeyOrder(int i) {
            return chains[sorted ? i : order[i]];
        }

        /** Puts the entries in key order, for {@link #chainInKeyOrder}. */
        void sort() {
            if (sorted) {
                return;
            }
            if (order.length < size) {
                order = new int[keys.length];
                scratch = new int[keys.length];
            }
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            mergeSort(0, size);
        }

        /** A merge sort of indexes by key: no boxing, and n log n whatever the keys. */
        private void mergeSort(int from, int to) {
            if (to - from < 2) {
                return;
            }
            int middle = (from + to) >>> 1;
            mergeSort(from, middle);
            mergeSort(middle, to);
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
    /** Where the reader is: an object's key as a String, an array's index as an int[1] counted up in place. */
    private final Deque<Object> path = new ArrayDeque<>();
    private final List<Entries> entriesByDepth = new ArrayList<>();
    private int depth;
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
    public static Outcome read(JsonParser parser, String name, long maxChars) throws IOException {
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
            case VALUE_STRING -> string();
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
        if (entriesByDepth.size() == depth) {
            entriesByDepth.add(new Entries());
        }
        Entries entries = entriesByDepth.get(depth++).clear();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String key = parser.currentName();
            path.addLast(key);
            refuseIfUnstorable(key);
            long comma = entries.size == 0 ? SpanText.EMPTY : append(COMMA);
            long keyChain = quoted(key, true);
            entries.add(key, comma, text.concat(keyChain, value(parser.nextToken())));
            path.removeLast();
        }
        depth--;
        long chain = open;
        entries.sort();
        for (int i = 0; i < entries.size; i++) {
            // Separators are interchangeable: the i-th comma as written goes before the i-th entry in key order.
            chain = text.concat(text.concat(chain, entries.commas[i]), entries.chainInKeyOrder(i));
        }
        entries.clear(); // lets go of the keys
        return collapse(text.concat(chain, append(CLOSE_OBJECT)), start, mark);
    }

    private long array() throws IOException {
        long start = text.length();
        int mark = text.spanMark();
        long chain = append(OPEN_ARRAY);
        int[] index = {0};
        path.addLast(index);
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (index[0] > 0) {
                chain = text.concat(chain, append(COMMA));
            }
            chain = text.concat(chain, value(token));
            index[0]++;
        }
        path.removeLast();
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

    private long string() throws IOException {
        if (parser.getTextLength() > LONG_STRING) {
            return longString();
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (!isPlainAscii(chars, offset, length)) {
            String value = parser.getText(); // rare: text to escape, or beyond ASCII
            refuseIfUnstorable(value);
            return quoted(value, false);
        }
        return appendQuoted(chars, offset, length, false);
    }

    /**
     * A long string, written out as the parser hands over its pieces: asking for it whole would copy it once more, as
     * UTF-16 (a 10 MiB string took 20 MB for that copy alone).
     */
    private long longString() throws IOException {
        chars += parser.getTextLength() + 2;
        refuseIfTooLong();
        long start = text.length();
        text.writeAscii('"');
        try (PiecewiseString pieces = new PiecewiseString()) {
            parser.getText(pieces);
        }
        text.writeAscii('"');
        return text.span(start, text.length());
    }

    /**
     * Takes a string's pieces, refusing what cannot be stored and escaping the rest as Jackson's writers do. A high
     * surrogate that ends a piece waits for the next, so that a pair is never judged, or escaped, in halves.
     */
    private final class PiecewiseString extends Writer {
        private char pendingHigh;

        @Override
        public void write(char[] piece, int offset, int length) {
            if (length == 0) {
                return;
            }
            String chunk = pendingHigh == 0 ? new String(piece, offset, length)
                    : pendingHigh + new String(piece, offset, length);
            pendingHigh = 0;
            if (Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))) {
                pendingHigh = chunk.charAt(chunk.length() - 1);
                chunk = chunk.substring(0, chunk.length() - 1);
            }
            take(chunk);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            if (pendingHigh != 0) {
                take(String.valueOf(pendingHigh)); // a high surrogate at the very end: unpaired, so refused
                pendingHigh = 0;
            }
        }

        private void take(String chunk) {
            if (isPlainAscii(chunk)) {
                text.writeAscii(chunk);
                return;
            }
            refuseIfUnstorable(chunk);
            text.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(chunk));
        }
    }

    /**
     * An integer as a tree writes it: its text as sent (JSON allows no leading zeros, so the text is already the
     * value's shortest digits), but "-0" is 0. The digit limit is checked on the text, before any arithmetic.
     */
    private long integer() throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        boolean negative = chars[offset] == '-';
        refuseIfTooManyDigits(length - (negative ? 1 : 0) > Json.MAX_NUMBER_DIGITS);
        if (negative && length == 2 && chars[offset + 1] == '0') {
            return append("0");
        }
        return appendAscii(chars, offset, length);
    }

    /**
     * A decimal as a tree writes it ({@code BigDecimal.toPlainString()}). Without an exponent that is its text as
     * sent, but a negative zero loses its sign ("-0.00" is 0.00); with one it is worked out.
     */
    private long decimal() throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        int point = -1;
        boolean zero = true;
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c == 'e' || c == 'E') {
                return decimalWithExponent();
            }
            if (c == '.') {
                point = i;
            } else if (c >= '1' && c <= '9') {
                zero = false;
            }
        }
        boolean negative = chars[offset] == '-';
        int integerDigits = point - offset - (negative ? 1 : 0);
        int fractionDigits = offset + length - point - 1;
        refuseIfTooManyDigits(integerDigits > Json.MAX_NUMBER_DIGITS || fractionDigits > Json.MAX_NUMBER_DIGITS);
        return negative && zero ? appendAscii(chars, offset + 1, length - 1) : appendAscii(chars, offset, length);
    }

    private long decimalWithExponent() throws IOException {
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

    /** Appends ASCII characters (a number's text) as they are. */
    private long appendAscii(char[] ascii, int offset, int length) {
        chars += length;
        refuseIfTooLong();
        long start = text.length();
        text.writeAscii(ascii, offset, length);
        return text.span(start, text.length());
    }

    /** Appends plain ASCII text (see {@link #isPlainAscii}) quoted, a key with its colon: nothing to escape. */
    private long appendQuoted(char[] ascii, int offset, int length, boolean key) {
        chars += length + (key ? 3 : 2);
        refuseIfTooLong();
        long start = text.length();
        text.writeAscii('"');
        text.writeAscii(ascii, offset, length);
        text.writeAscii('"');
        if (key) {
            text.writeAscii(':');
        }
        return text.span(start, text.length());
    }

    private long appendQuoted(String ascii, boolean key) {
        chars += ascii.length() + (key ? 3 : 2);
        refuseIfTooLong();
        long start = text.length();
        text.writeAscii('"');
        text.writeAscii(ascii);
        text.writeAscii('"');
        if (key) {
            text.writeAscii(':');
        }
        return text.span(start, text.length());
    }

    private void refuseIfTooLong() {
        if (chars > maxChars) {
            throw new Stop(new Outcome.TooLong());
        }
    }

    private void refuseIfUnstorable(String value) {
        String why = Json.whyUnstorable(value);
        if (why != null) {
            throw new Stop(new Outcome.Unstorable(new FieldError(where(), why)));
        }
    }

    private void refuseIfTooManyDigits(boolean tooMany) {
        if (tooMany) {
            throw new Stop(new Outcome.Unstorable(new FieldError(where(), Json.TOO_MANY_DIGITS)));
        }
    }

    /** The path of the value being read, as errors name it. */
    private String where() {
        Deque<Object> steps = new ArrayDeque<>();
        for (Object step : path) {
            steps.addLast(step instanceof int[] index ? (Object) index[0] : step);
        }
        return Json.path(name, steps);
    }

    /** A string (or a key, with its colon) as JSON, quoted and escaped as Jackson's writers escape it. */
    private long quoted(String value, boolean key) {
        if (isPlainAscii(value)) {
            return appendQuoted(value, key);
        }
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] out = new byte[escaped.length + (key ? 3 : 2)];
        out[0] = '"';
        System.arraycopy(escaped, 0, out, 1, escaped.length);
        out[escaped.length + 1] = '"';
        if (key) {
            out[out.length - 1] = ':';
        }
        return append(out);
    }

    /** Whether the text is printable ASCII with no quote or backslash: written as it is, with nothing to escape. */
    private static boolean isPlainAscii(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
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
