package io.hivematrix.archive.boot;

/** A setting makes the service refuse to start: {@code serve} prints the reason and exits with status 2. */
public final class StartRefusedException extends RuntimeException {
    StartRefusedException(String reason) {
        super(reason);
    }
}
