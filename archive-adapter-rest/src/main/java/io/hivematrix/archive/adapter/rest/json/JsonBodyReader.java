package io.hivematrix.archive.adapter.rest.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one way a request body is read before it is parsed as JSON, by every route that takes one: at most a limit of
 * bytes (a longer body is {@link TooLarge} without buffering the excess), strict UTF-8 (anything else is
 * {@link NotUtf8}), and the text is what gets parsed, with a leading byte order mark stripped.
 *
 * <p>The decoded text is parsed, never the bytes: given bytes, Jackson detects UTF-16 or UTF-32, whose ASCII is also
 * valid UTF-8 full of NULs, so a body could be read as a bill and then not be stored as the text it was.
 *
 * <p>Public so that benchmarks measure the routes' own reading rather than a copy.
 */
public final class JsonBodyReader {
    /** A leading UTF-8 byte order mark, which RFC 8259 lets a parser ignore. */
    private static final String BOM = "\uFEFF";

    private JsonBodyReader() {
    }

    /** What reading a body gave. */
    public sealed interface Outcome permits Text, TooLarge, NotUtf8 {
    }

    /**
     * A body within the limit that is valid UTF-8.
     *
     * @param received the body as sent, decoded (a byte order mark included): what is kept as the received body
     */
    public record Text(String received) implements Outcome {
        /** The text to parse: {@link #received} without a leading byte order mark. */
        public String json() {
            return received.startsWith(BOM) ? received.substring(1) : received;
        }

        /** Whether there is nothing to parse. */
        public boolean isEmpty() {
            return received.isEmpty();
        }
    }

    /** A body over the limit (declared or sent); its detail is {@code Problems.bodyTooLarge(limit)}. */
    public record TooLarge(long limit) implements Outcome {
    }

    /** A body that is not valid UTF-8. */
    public record NotUtf8() implements Outcome {
    }

    /**
     * Reads a request's body.
     *
     * @param in             the body's stream
     * @param declaredLength its Content-Length, or -1 when none was sent (chunked)
     * @param limit          the most bytes taken
     */
    public static Outcome read(InputStream in, long declaredLength, long limit) throws IOException {
        if (declaredLength > limit) {
            return new TooLarge(limit);
        }
        byte[] bytes = readAtMost(in, declaredLength, limit);
        return bytes == null ? new TooLarge(limit) : decode(bytes);
    }

    /** The checks of {@link #read} on a body already in hand. */
    public static Outcome read(byte[] body, long limit) {
        return body.length > limit ? new TooLarge(limit) : decode(body);
    }

    /**
     * The body as text if it is valid UTF-8. It is checked through a small buffer and then decoded once: decoding it
     * strictly in one go took a char array of twice the body's size on top of the text.
     */
    public static Optional<String> utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer scratch = CharBuffer.allocate(8192);
        for (CoderResult result = decoder.decode(in, scratch, true); !result.isUnderflow();
             result = decoder.decode(in, scratch, true)) {
            if (result.isError()) {
                return Optional.empty();
            }
            scratch.clear();
        }
        return Optional.of(new String(body, StandardCharsets.UTF_8));
    }

    /** The bytes are let go as soon as they are decoded, so that a request holds its body once, as text. */
    private static Outcome decode(byte[] bytes) {
        Optional<String> text = utf8(bytes);
        return text.isPresent() ? new Text(text.get()) : new NotUtf8();
    }

    /**
     * Reads the body, or returns null once it grows past the limit (without buffering the excess). With a declared
     * length the body is read into an array of that size; without one, InputStream's chunks are copied once more.
     */
    private static byte[] readAtMost(InputStream in, long declared, long limit) throws IOException {
        if (declared >= 0 && declared <= limit) {
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            if (read < body.length) {
                return Arrays.copyOf(body, read); // cut short: read as sent (the connection is gone anyway)
            }
            return in.read() == -1 ? body : null;
        }
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
        if (body.length == limit && in.read() != -1) {
            return null;
        }
        return body;
    }
}
