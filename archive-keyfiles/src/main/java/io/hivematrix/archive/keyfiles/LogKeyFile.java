package io.hivematrix.archive.keyfiles;

import io.hivematrix.archive.domain.NoteKey;
import io.hivematrix.archive.keyfiles.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The transparency log's signing key ({@code ARCHIVE_LOG_KEY}): an Ed25519 note key kept in a file outside the
 * database, readable by its owner only, generated on first start when absent. Every instance of one archive is given
 * the same file, as it is given the same database password.
 */
public final class LogKeyFile {
    private LogKeyFile() {
    }

    /** Reads the key, creating it (named {@code name}, mode 0600) when the file does not exist. */
    public static NoteKey.Signer loadOrCreate(Path file, String name) {
        try {
            if (!Files.exists(file)) {
                OwnerOnly.create(file.toAbsolutePath().getParent());
                // Another instance may create it first: then theirs is the one read below.
                OwnerOnly.createSecret(file, NoteKey.generate(name, new SecureRandom()));
            }
            OwnerOnly.check(file, "600");
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                // Seen when another instance has created the file but not yet written it.
                throw new IllegalStateException("the log key " + file + " is empty");
            }
            return NoteKey.signer(text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the log key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the log key " + file + " is not an Ed25519 note signing key ("
                    + e.getMessage() + ")", e);
        }
    }
}
