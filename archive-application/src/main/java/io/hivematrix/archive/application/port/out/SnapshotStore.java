package io.hivematrix.archive.application.port.out;

/**
 * A store that keeps bills plays all three roles; use cases depend on the one they need
 * ({@link SnapshotArchive}, {@link SnapshotReader}, {@link SnapshotSearch}), adapters and their contract test
 * on this.
 */
public interface SnapshotStore extends SnapshotArchive, SnapshotReader, SnapshotSearch {
}
