package io.hivematrix.archive.domain;

import java.util.Objects;

/**
 * A request body exactly as received, with its SHA-256: kept beside the parsed bill for forensics, and the
 * fingerprint that idempotency keys and the ETag of the CSV use. Taken once, where the body arrives.
 */
public record ReceivedBody(String text, String sha256) {

    public ReceivedBody {
        Objects.requireNonNull(text, "received body");
        if (!Sha256.isHex(sha256)) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }

    /** The body and its fingerprint. */
    public static ReceivedBody of(String text) {
        return new ReceivedBody(text, Sha256.hex(text));
    }

    /** Short: a body can be megabytes, and this lands in logs and assertion messages. */
    @Override
    public String toString() {
        return "ReceivedBody[" + text.length() + " chars, sha256=" + sha256 + "]";
    }
}
