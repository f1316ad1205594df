package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** The message a domain rule gives when it rejects a value: every domain rejection is an IllegalArgumentException. */
final class Rejection {
    private Rejection() {
    }

    /** Runs {@code call}, which must be rejected, and returns why. */
    static String of(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
