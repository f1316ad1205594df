package io.hivematrix.archive.adapter.rest.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * UTF-8 text written in pieces and read back in another order. Canonical JSON sorts an object's keys only once all of
 * its values are written; here the pieces are spans of one buffer, linked into chains, so that putting them in order
 * moves no text. The buffer is kept in chunks, so that growing it never copies what is already written.
 *
 * <p>A chain is a {@code long}: its first span in the high half, its last in the low half ({@link #EMPTY} for none).
 * Spans are appended to a stack; {@link #release} gives back every span from a mark on, for a caller that has copied a
 * chain's text into one place ({@link #rewriteInOrder}).
 */
public final class SpanText {
    static final long EMPTY = -1L;
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final List<byte[]> chunks = new ArrayList<>();
    private long length;
    /** Per span: start, end (offsets into the text), and the next span of its chain (-1 for none). */
    private int[] spans = new int[3 * 256];
    private int spanCount;
    /** Where {@link #rewriteInOrder} puts text in order before copying it back; kept while small. */
    private byte[] scratch = new byte[256];
    private static final int SCRATCH_KEPT = 64 * 1024;

    long length() {
        return length;
    }

    int spanMark() {
        return spanCount;
    }

    /** Appends UTF-8 bytes and returns them as a chain of one span. */
    long append(byte[] bytes) {
        long start = length;
        write(start, bytes, 0, bytes.length);
        return span(start, length);
    }

    long append(String ascii) {
        return append(ascii.getBytes(StandardCharsets.UTF_8));
    }

    /** A new chain of one span over text already written (such as a separator, used again). */
    long span(long start, long end) {
        if (spanCount * 3 == spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        int at = spanCount * 3;
        spans[at] = Math.toIntExact(start);
        spans[at + 1] = Math.toIntExact(end);
        spans[at + 2] = -1;
        int span = spanCount++;
        return chain(span, span);
    }

    /** Chain {@code b} after chain {@code a}; a span that ends where the next begins is merged into it. */
    long concat(long a, long b) {
        if (a == EMPTY) {
            return b;
        }
        if (b == EMPTY) {
            return a;
        }
        int aTail = tail(a);
        int bHead = head(b);
        if (spans[aTail * 3 + 1] == spans[bHead * 3]) {
            spans[aTail * 3 + 1] = spans[bHead * 3 + 1];
            int afterHead = spans[bHead * 3 + 2];
            spans[aTail * 3 + 2] = afterHead;
            if (afterHead == -1 && bHead == spanCount - 1) {
                // b was one span, the newest, and is now part of a's last: give its slot back, so that text written
                // in order (most of it) takes no slots beyond one per chain.
                spanCount--;
            }
            return chain(head(a), afterHead == -1 ? aTail : tail(b));
        }
        spans[aTail * 3 + 2] = bHead;
        return chain(head(a), tail(b));
    }

    /** Whether the chain is one span. */
    boolean contiguous(long chain) {
        return chain != EMPTY && head(chain) == tail(chain);
    }

    int spanCount(long chain) {
        int count = 0;
        for (int span = chain == EMPTY ? -1 : head(chain); span != -1; span = spans[span * 3 + 2]) {
            count++;
        }
        return count;
    }

    /**
     * Copies the chain's text over the text from {@code start} to the end, in the chain's order, and returns it as a
     * chain of one span. The chain must be a reordering of exactly that text. Spans from {@code mark} on are released
     * first: the caller's chain must hold only those.
     */
    long rewriteInOrder(long chain, long start, int mark) {
        int size = Math.toIntExact(length - start);
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, Math.min(2 * scratch.length, SCRATCH_KEPT))];
        }
        byte[] ordered = scratch;
        int at = 0;
        for (int span = head(chain); span != -1; span = spans[span * 3 + 2]) {
            int from = spans[span * 3];
            int to = spans[span * 3 + 1];
            read(from, ordered, at, to - from);
            at += to - from;
        }
        if (at != size) {
            throw new IllegalStateException("a chain of " + at + " bytes cannot reorder " + size);
        }
        write(start, ordered, 0, size);
        if (scratch.length > SCRATCH_KEPT) {
            scratch = new byte[0]; // a large copy's buffer is not kept for the next
        }
        release(mark);
        return span(start, length);
    }

    /** Gives back every span from {@code mark} on. */
    void release(int mark) {
        spanCount = mark;
    }

    /** The chain's text, decoded. */
    String toString(long chain) {
        long total = 0;
        for (int span = chain == EMPTY ? -1 : head(chain); span != -1; span = spans[span * 3 + 2]) {
            total += spans[span * 3 + 1] - spans[span * 3];
        }
        byte[] out = new byte[Math.toIntExact(total)];
        int at = 0;
        for (int span = chain == EMPTY ? -1 : head(chain); span != -1; span = spans[span * 3 + 2]) {
            int from = spans[span * 3];
            int to = spans[span * 3 + 1];
            read(from, out, at, to - from);
            at += to - from;
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Writes ASCII characters at the end, as bytes, with no span for them yet (see {@link #span}). */
    void writeAscii(char[] ascii, int offset, int count) {
        for (int i = 0; i < count; i++) {
            writeAscii(ascii[offset + i]);
        }
    }

    void writeAscii(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            writeAscii(ascii.charAt(i));
        }
    }

    /** Writes UTF-8 bytes at the end, with no span for them yet. */
    void writeBytes(byte[] utf8) {
        write(length, utf8, 0, utf8.length);
    }

    void writeAscii(char c) {
        int chunk = (int) (length >>> CHUNK_BITS);
        if (chunk == chunks.size()) {
            chunks.add(new byte[CHUNK]);
        }
        chunks.get(chunk)[(int) (length & (CHUNK - 1))] = (byte) c;
        length++;
    }

    /** Writes at {@code position}, which is at most the length; the text grows as needed. */
    private void write(long position, byte[] source, int offset, int count) {
        long pos = position;
        int done = 0;
        while (done < count) {
            int chunk = (int) (pos >>> CHUNK_BITS);
            if (chunk == chunks.size()) {
                chunks.add(new byte[CHUNK]);
            }
            int within = (int) (pos & (CHUNK - 1));
            int n = Math.min(count - done, CHUNK - within);
            System.arraycopy(source, offset + done, chunks.get(chunk), within, n);
            done += n;
            pos += n;
        }
        length = Math.max(length, pos);
    }

    private void read(long position, byte[] target, int offset, int count) {
        long pos = position;
        int done = 0;
        while (done < count) {
            int within = (int) (pos & (CHUNK - 1));
            int n = Math.min(count - done, CHUNK - within);
            System.arraycopy(chunks.get((int) (pos >>> CHUNK_BITS)), within, target, offset + done, n);
            done += n;
            pos += n;
        }
    }

    private static long chain(int head, int tail) {
        return ((long) head << 32) | (tail & 0xFFFFFFFFL);
    }

    private static int head(long chain) {
        return (int) (chain >>> 32);
    }

    private static int tail(long chain) {
        return (int) chain;
    }
}
