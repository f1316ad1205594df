package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.ArchivedSnapshot;
import java.util.List;

/** What became of a request to archive a bill; a rejection is an outcome, not an exception. */
public sealed interface CreateSnapshotResult {

    /** The bill is now archived. */
    record Created(ArchivedSnapshot snapshot) implements CreateSnapshotResult {
    }

    /**
     * A bill with this invoice number, or for this company and period, is already archived.
     *
     * @param identical whether the new submission says exactly what the archived one says
     */
    record Duplicate(ArchivedSnapshot existing, boolean identical) implements CreateSnapshotResult {
    }

    /** A retry of a request already carried out under the same idempotency key: its original result. */
    record Replayed(ArchivedSnapshot snapshot) implements CreateSnapshotResult {
    }

    /** The idempotency key was first used with a different body; nothing was stored. */
    record KeyReused(String idempotencyKey) implements CreateSnapshotResult {
    }

    /** The request broke the rules; nothing was stored. */
    record Invalid(List<FieldError> errors) implements CreateSnapshotResult {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
