package io.hivematrix.archive.adapter.rest.routes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Responses ready to send that can never change again, by invoice number, bounded by the heap they take rather
 * than by how many there are. Archived snapshots are immutable, so an entry never needs invalidating; what may still
 * change (an unsealed snapshot's {@code sealed} and {@code audit_seq}) is simply never put here.
 *
 * <p>One snapshot's JSON can be 10–20 MB (a 10 MiB body, its line items and its CSV), so a count bound let a reader
 * pin gigabytes by reading back a hundred large bills. Caffeine weighs each entry by its bytes, evicts by frequency
 * and recency to keep the total under the bound, and a body over the per-entry limit is served but never kept: it
 * would push out hundreds of typical ones for a read that costs little next to sending it.
 */
public final class ImmutableResponses {
    /** Sealed snapshots' JSON: ~8 KB each for the fixture, so about 6,000 of them (docs/configuration.md, "Limits"). */
    static final long JSON_MAX_BYTES = 48L * 1024 * 1024;
    /** CSV downloads: ~4 KB each for the fixture, so about 4,000; with the JSON, 64 MiB in all. */
    static final long CSV_MAX_BYTES = 16L * 1024 * 1024;
    /** Larger bodies are not kept. */
    static final int MAX_ENTRY_BYTES = 1024 * 1024;

    /**
     * A response body with its strong ETag, and its Content-Disposition when it is a download (else null).
     */
    record Response(byte[] body, String etag, String contentDisposition) {
        Response(byte[] body, String etag) {
            this(body, etag, null);
        }
    }

    private final Cache<String, Response> entries;
    private final long maxBytes;
    private final int maxEntryBytes;

    /** At most {@code maxBytes} in all (as {@link #weigh} counts), none of them over {@code maxEntryBytes}. */
    ImmutableResponses(long maxBytes, int maxEntryBytes) {
        this.maxBytes = maxBytes;
        this.maxEntryBytes = maxEntryBytes;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher(ImmutableResponses::weigh)
                // Evict on the caller's thread: the bound holds when put returns, and nothing is queued on the common
                // pool, which has a single worker on a 2-core machine.
                .executor(Runnable::run)
                .build();
    }

    Response get(String invoiceNumber) {
        return entries.getIfPresent(invoiceNumber);
    }

    /** Keeps {@code response} unless its body is over the per-entry limit. */
    void put(String invoiceNumber, Response response) {
        if (response.body().length <= maxEntryBytes) {
            entries.put(invoiceNumber, response);
        }
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** The bytes the entries weigh now. */
    long weight() {
        entries.cleanUp();
        return entries.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * Roughly the heap an entry holds: its body, plus the key, ETag and Content-Disposition (two bytes a char at
     * most) and the objects around them, so that a flood of tiny entries is not free.
     */
    static int weigh(String invoiceNumber, Response response) {
        int text = invoiceNumber.length() + response.etag().length()
                + (response.contentDisposition() == null ? 0 : response.contentDisposition().length());
        return response.body().length + 2 * text + 128;
    }
}
