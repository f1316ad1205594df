package io.hivematrix.archive.domain;

import java.util.Objects;

/**
 * A request body exactly as received, with its SHA-256: kept beside the parsed bill for forensics, and the
 * fingerprint that idempotency keys and the ETag of the CSV use. Taken once, where the body arrives.
 */
public record ReceivedBody(String text, String sha256) {

    public ReceivedBody {
        Objects.requireNonNull(text, "received body");
        if (!isHex64(sha256)) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }

    /** The body and its fingerprint. */
    public static ReceivedBody of(String text) {
        return new ReceivedBody(text, Sha256.hex(text));
    }

    private static boolean isHex64(String text) {
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

    /** Short: a body can be megabytes, and this lands in logs and assertion messages. */
    @Override
    public String toString() {
        return "ReceivedBody[" + text.length() + " chars, sha256=" + sha256 + "]";
    }
}
