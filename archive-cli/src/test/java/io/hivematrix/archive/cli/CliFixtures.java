package io.hivematrix.archive.cli;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.boot.ArchiveSettings;
import io.hivematrix.archive.domain.NoteKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/** What the command tests share: the repository's fixtures, a log key, and the settings of the two kinds of database. */
final class CliFixtures {
    /** A log signing key for tests that wire the API themselves. */
    static final NoteKey.Signer LOG_KEY = NoteKey.signer(NoteKey.generate("archive.test/log", new SecureRandom()));

    private CliFixtures() {
    }

    /** A file of the repository's fixtures folder, found from wherever the test JVM started. */
    static String fixture(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("fixtures"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("fixtures/ not found");
        }
        try {
            return Files.readString(dir.resolve("fixtures").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings of the embedded database in {@code dataDir}, everything else at its default. */
    static ArchiveSettings embeddedSettings(Path dataDir) {
        return ArchiveSettings.from(Config.just(ConfigSources.create(Map.of("ARCHIVE_DATA_DIR", dataDir.toString()))));
    }

    /** An external database with two roles: the service serves as the one and migrates as the other. */
    static Map<String, String> externalRoles(TestPostgres.Roles roles) {
        Map<String, String> values = new HashMap<>();
        values.put("ARCHIVE_DB_URL", roles.runtime().jdbcUrl());
        values.put("ARCHIVE_DB_USER", roles.runtime().user());
        values.put("ARCHIVE_DB_PASSWORD", roles.runtime().password());
        values.put("ARCHIVE_MIGRATE_DB_USER", roles.owner().user());
        values.put("ARCHIVE_MIGRATE_DB_PASSWORD", roles.owner().password());
        return values;
    }
}
