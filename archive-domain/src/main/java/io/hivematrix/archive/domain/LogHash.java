package io.hivematrix.archive.domain;

import java.util.Arrays;
import java.util.Base64;

/** One SHA-256 hash of the transparency log (RFC 9162 §2.1): a leaf's, an inner node's, or a whole tree's. */
public final class LogHash {
    public static final int SIZE = 32;
    /** The hash of the empty tree: SHA-256 of no bytes (RFC 9162 §2.1.1). */
    public static final LogHash EMPTY_TREE = of(Sha256.digest(new byte[0]));

    private final byte[] bytes;

    private LogHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The hash with these 32 bytes (copied). */
    public static LogHash of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a log hash has " + SIZE + " bytes, not " + bytes.length);
        }
        return new LogHash(bytes.clone());
    }

    /** Parses standard base64 of 32 bytes (as checkpoints and proofs carry hashes). */
    public static LogHash fromBase64(String text) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a log hash must be base64", e);
        }
        return of(decoded);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Writes the 32 bytes into {@code target} at {@code offset}, without a copy of them. */
    void copyInto(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, SIZE);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogHash hash && Arrays.equals(bytes, hash.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return base64();
    }
}
