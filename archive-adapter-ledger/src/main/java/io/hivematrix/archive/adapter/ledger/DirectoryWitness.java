package io.hivematrix.archive.adapter.ledger;

import io.hivematrix.archive.application.port.out.CheckpointWitness;
import io.hivematrix.archive.domain.SignedCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps each checkpoint as a file of its own in {@code ARCHIVE_CHECKPOINT_DIR}, named by its tree size and never
 * overwritten: a directory to copy elsewhere, and the files {@code archive verify --checkpoint} takes.
 */
public final class DirectoryWitness implements CheckpointWitness {
    private final Path dir;

    public DirectoryWitness(Path dir) {
        this.dir = dir;
    }

    /** The file a checkpoint of this size is kept in: zero-padded, so a listing sorts by size. */
    public static String fileName(long size) {
        return String.format("checkpoint-%015d.txt", size);
    }

    @Override
    public void offer(SignedCheckpoint checkpoint) {
        Path file = dir.resolve(fileName(checkpoint.checkpoint().size()));
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            // Written aside, then linked in: link(2) fails when the name exists (a rename would replace it), so a reader
            // never sees half a file and a file once there is never overwritten.
            Path partial = Files.createTempFile(dir, ".checkpoint-", ".partial");
            try {
                Files.writeString(partial, checkpoint.note(), StandardCharsets.UTF_8);
                Files.createLink(file, partial);
            } catch (FileAlreadyExistsException raced) {
                // another instance kept it first: the same checkpoint
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep checkpoint " + checkpoint.checkpoint().size() + " in " + dir, e);
        }
    }
}
