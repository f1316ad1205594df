package io.hivematrix.archive.adapter.rest;

import java.io.IOException;
import java.io.Writer;

/**
 * A {@link Writer} into memory that refuses to grow past a bound, so that what a request makes the server write out
 * costs at most that much, whatever the request spells.
 */
final class BoundedWriter extends Writer {
    /** Thrown by the write that would pass the bound; that write keeps nothing. */
    static final class Overflow extends IOException {
        Overflow(int maxChars) {
            super("the text would be longer than " + maxChars + " characters");
        }
    }

    // A StringBuilder keeps Latin-1 text in one byte per character (a char[] would take two).
    private final StringBuilder text = new StringBuilder();
    private final int maxChars;

    BoundedWriter(int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must not be negative");
        }
        this.maxChars = maxChars;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws Overflow {
        reserve(length);
        text.append(chars, offset, length);
    }

    @Override
    public void write(String chars, int offset, int length) throws Overflow {
        reserve(length);
        text.append(chars, offset, offset + length);
    }

    @Override
    public void write(int c) throws Overflow {
        reserve(1);
        text.append((char) c);
    }

    private void reserve(int length) throws Overflow {
        if (length > maxChars - text.length()) {
            throw new Overflow(maxChars);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
