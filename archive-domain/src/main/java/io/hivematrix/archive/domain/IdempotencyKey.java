package io.hivematrix.archive.domain;

import java.util.regex.Pattern;

/**
 * A client's promise that requests carrying the same key are retries of one request. Keys are
 * scoped to the caller, and remembered with the fingerprint of the request body they first came with.
 */
public record IdempotencyKey(String caller, String key, String requestSha256) {
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    public IdempotencyKey {
        Text.required(caller, Text.NAME, "caller");
        requireKey(key);
        if (!Sha256.isHex(requestSha256)) {
            throw new IllegalArgumentException("request sha256 must be 64 lower-case hex digits");
        }
    }

    /** 1–255 visible ASCII characters. */
    public static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("must be 1-255 visible ASCII characters");
        }
        return key;
    }
}
