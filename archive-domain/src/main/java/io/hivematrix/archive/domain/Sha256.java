package io.hivematrix.archive.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 from the JDK, as 64 lower-case hex digits. */
public final class Sha256 {
    /** Text is encoded this many characters at a time: a body of megabytes is never copied whole to be hashed. */
    private static final int CHUNK_CHARS = 8192;

    private Sha256() {
    }

    public static String hex(String text) {
        return new Text().append(text).hex();
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** Whether {@code text} is a hash as {@link #hex} writes it: 64 lower-case hex digits (null is not). */
    public static boolean isHex(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The 32 bytes of the hash of the pieces, in order. */
    public static byte[] digest(byte[]... pieces) {
        MessageDigest digest = newDigest();
        for (byte[] piece : pieces) {
            digest.update(piece);
        }
        return digest.digest();
    }

    /**
     * The hash of text appended piece by piece, as UTF-8: the same as hashing the pieces' concatenation whole (where a
     * character the encoding cannot take, half a surrogate pair, becomes {@code ?}), as long as no piece ends with
     * the first half of a pair whose second half starts the next.
     */
    public static final class Text {
        private final MessageDigest digest = newDigest();

        public Text append(String text) {
            for (int start = 0; start < text.length(); ) {
                int end = Math.min(text.length(), start + CHUNK_CHARS);
                // A pair is encoded whole or not at all: cut before its first half.
                if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
                        && Character.isLowSurrogate(text.charAt(end))) {
                    end--;
                }
                digest.update(text.substring(start, end).getBytes(StandardCharsets.UTF_8));
                start = end;
            }
            return this;
        }

        public String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
