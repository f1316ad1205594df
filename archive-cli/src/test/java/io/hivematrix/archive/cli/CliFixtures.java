package io.hivematrix.archive.cli;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hivematrix.archive.boot.ArchiveSettings;
import io.hivematrix.archive.domain.NoteKey;
import io.hivematrix.archive.testkit.neighbours.LedgerBills;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/** What the command tests share: the repository's fixtures, a log key, and the embedded database's settings. */
final class CliFixtures {
    /** A log signing key for tests that wire the API themselves. */
    static final NoteKey.Signer LOG_KEY = NoteKey.signer(NoteKey.generate("archive.test/log", new SecureRandom()));

    private CliFixtures() {
    }

    /** A file of the repository's fixtures folder, found from wherever the test JVM started. */
    static String fixture(String name) {
        try {
            return Files.readString(LedgerBills.repositoryFile("fixtures/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings of the embedded database in {@code dataDir}, everything else at its default. */
    static ArchiveSettings embeddedSettings(Path dataDir) {
        return ArchiveSettings.from(Config.just(ConfigSources.create(Map.of("ARCHIVE_DATA_DIR", dataDir.toString()))));
    }
}
