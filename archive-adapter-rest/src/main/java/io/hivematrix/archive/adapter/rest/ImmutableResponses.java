package io.hivematrix.archive.adapter.rest;

/**
 * Responses ready to send that can never change again, by invoice number, least recently used evicted
 * first. Archived snapshots are immutable, so an entry never needs invalidating; what may still change
 * (an unsealed snapshot's {@code sealed} and {@code audit_seq}) is simply never put here.
 */
final class ImmutableResponses {
    /**
     * A response body with its strong ETag, and its Content-Disposition when it is a download (else null).
     */
    record Response(byte[] body, String etag, String contentDisposition) {
        Response(byte[] body, String etag) {
            this(body, etag, null);
        }
    }

    private final BoundedLru<String, Response> entries;

    ImmutableResponses(int capacity) {
        this.entries = new BoundedLru<>(capacity);
    }

    Response get(String invoiceNumber) {
        return entries.get(invoiceNumber);
    }

    void put(String invoiceNumber, Response response) {
        entries.put(invoiceNumber, response);
    }

    int size() {
        return entries.size();
    }
}
