package io.hivematrix.archive.adapter.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's shared fixtures from wherever the test JVM was started. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String ledgerSnapshot() {
        return read("ledger-snapshot-620547-202510.json");
    }

    static String read(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("fixtures").resolve(name);
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readString(candidate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("fixture " + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
