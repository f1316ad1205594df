package io.hivematrix.archive.adapter.rest.security;

import java.time.Instant;

/**
 * Tokens already verified, with the caller each speaks for and until when that answer holds; least
 * recently used evicted first. A client sends the same token with every request, and checking its RSA
 * signature again each time was a sixth of the service's CPU under load.
 */
public final class VerifiedTokens {
    private record Verified(Caller caller, Instant validUntil) {
    }

    private final BoundedLru<String, Verified> entries;

    VerifiedTokens(int capacity) {
        this.entries = new BoundedLru<>(capacity);
    }

    /** The caller of a token verified before and still valid at {@code now}, or null. */
    Caller get(String token, Instant now) {
        Verified entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.validUntil())) {
            entries.remove(token);
            return null;
        }
        return entry.caller();
    }

    void put(String token, Caller caller, Instant validUntil) {
        entries.put(token, new Verified(caller, validUntil));
    }

    int size() {
        return entries.size();
    }
}
