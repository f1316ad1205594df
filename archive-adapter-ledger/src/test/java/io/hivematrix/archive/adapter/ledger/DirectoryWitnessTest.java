package io.hivematrix.archive.adapter.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.domain.SignedCheckpoint;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.LogHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint directory: one file per tree size, created with the directory, never overwritten, no leftovers. */
class DirectoryWitnessTest {
    @TempDir
    Path dir;

    private static SignedCheckpoint note(long size, String signature) {
        Checkpoint c = new Checkpoint("archive.test/log", size, LogHash.EMPTY_TREE);
        return new SignedCheckpoint(c, c.text() + "\n\u2014 archive.test/log " + signature + "\n", Instant.now());
    }

    @Test
    void eachCheckpointIsKeptOnce_andAFileOnceWrittenIsNeverReplaced() throws Exception {
        Path kept = dir.resolve("checkpoints");
        DirectoryWitness witness = new DirectoryWitness(kept);
        witness.offer(note(7, "first"));
        witness.offer(note(7, "second"));
        witness.offer(note(12, "x"));
        try (Stream<Path> files = Files.list(kept)) {
            assertEquals(List.of("checkpoint-000000000000007.txt", "checkpoint-000000000000012.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String seven = Files.readString(kept.resolve(DirectoryWitness.fileName(7)), StandardCharsets.UTF_8);
        assertTrue(seven.endsWith("first\n"), seven);
    }
}
