package io.hivematrix.archive.adapter.ledger;

import io.hivematrix.archive.testkit.contract.CheckpointWitnessContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The directory witness, keeping checkpoints as files, holds to the witness contract. */
class DirectoryWitnessContractTest extends CheckpointWitnessContract {
    @Override
    protected Subject witness() {
        Path dir;
        try {
            dir = Files.createTempDirectory("archive-witness");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DirectoryWitness witness = new DirectoryWitness(dir.resolve("checkpoints"));
        return new Subject(witness, () -> kept(dir.resolve("checkpoints")));
    }

    /** The notes in the directory, oldest first: the file names sort by tree size. */
    private static List<String> kept(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(DirectoryWitnessContractTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
