package io.hivematrix.archive.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A position in the newest-first order of snapshots ({@code archived_at DESC, id DESC}); paging
 * "after" it costs the same at any depth. Clients see it as an opaque URL-safe token.
 */
public record SnapshotCursor(Instant archivedAt, long id) {
    private static final long MAX_TOKEN_LENGTH = 64;

    public SnapshotCursor {
        Objects.requireNonNull(archivedAt, "archived at");
        if (id < 1) {
            throw new IllegalArgumentException("cursor id must be positive");
        }
    }

    /** Whether a snapshot at (archivedAt, id) comes after this position, i.e. is older. */
    public boolean isBefore(Instant otherArchivedAt, long otherId) {
        int byTime = otherArchivedAt.compareTo(archivedAt);
        return byTime < 0 || (byTime == 0 && otherId < id);
    }

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(archivedAt.getEpochSecond(), 1_000_000L),
                archivedAt.getNano() / 1_000);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    public static SnapshotCursor decode(String token) {
        try {
            if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
                throw new IllegalArgumentException();
            }
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            long micros = Long.parseLong(text.substring(0, colon));
            long id = Long.parseLong(text.substring(colon + 1));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
            return new SnapshotCursor(at, id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor is not one this service issued");
        }
    }
}
