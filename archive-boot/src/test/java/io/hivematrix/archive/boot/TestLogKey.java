package io.hivematrix.archive.boot;

import io.hivematrix.archive.domain.NoteKey;
import java.security.SecureRandom;

/** A log signing key for tests that wire the API themselves. */
final class TestLogKey {
    static final NoteKey.Signer SIGNER = NoteKey.signer(NoteKey.generate("archive.test/log", new SecureRandom()));

    private TestLogKey() {
    }
}
