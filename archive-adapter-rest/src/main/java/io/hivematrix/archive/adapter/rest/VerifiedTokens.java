package io.hivematrix.archive.adapter.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens already verified, with the caller each speaks for and until when that answer holds; least
 * recently used evicted first. A client sends the same token with every request, and checking its RSA
 * signature again each time was a sixth of the service's CPU under load.
 */
final class VerifiedTokens {
    private record Verified(Caller caller, Instant validUntil) {
    }

    private final Map<String, Verified> entries;

    VerifiedTokens(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The caller of a token verified before and still valid at {@code now}, or null. */
    synchronized Caller get(String token, Instant now) {
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

    synchronized void put(String token, Caller caller, Instant validUntil) {
        entries.put(token, new Verified(caller, validUntil));
    }

    synchronized int size() {
        return entries.size();
    }
}
