package io.hivematrix.archive.adapter.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The serialized JSON of sealed snapshots, least recently used evicted first. A sealed snapshot's
 * response never changes again, so an entry never needs invalidating; unsealed ones are not kept,
 * because their {@code sealed} and {@code audit_seq} fields are still to change.
 */
final class SealedResponses {
    /** A response ready to send, with its strong ETag. */
    record Response(byte[] json, String etag) {
    }

    private final Map<String, Response> entries;

    SealedResponses(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Response> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Response get(String invoiceNumber) {
        return entries.get(invoiceNumber);
    }

    synchronized void put(String invoiceNumber, Response response) {
        entries.put(invoiceNumber, response);
    }

    synchronized int size() {
        return entries.size();
    }
}
