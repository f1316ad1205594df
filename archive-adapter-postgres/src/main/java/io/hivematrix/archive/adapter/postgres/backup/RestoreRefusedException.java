package io.hivematrix.archive.adapter.postgres.backup;

/**
 * A restore that must not start: the file is not a sound backup, or the target is not an empty database this build
 * can load it into. Thrown before any row of the backup is written; the message is one line for the operator.
 */
public final class RestoreRefusedException extends RuntimeException {
    public RestoreRefusedException(String message) {
        super(message);
    }
}
