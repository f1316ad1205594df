package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.CreateSnapshot;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
import io.hivematrix.archive.application.port.in.CreateSnapshotResult;
import io.hivematrix.archive.application.port.out.SnapshotArchive;
import io.hivematrix.archive.application.port.out.SnapshotArchive.SaveResult;
import io.hivematrix.archive.application.port.out.SnapshotReader;
import io.hivematrix.archive.domain.IdempotencyKey;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Snapshot;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Archives a bill once: validates it, then lets the store decide atomically whether it is new. */
public final class CreateSnapshotService implements CreateSnapshot {
    private final SnapshotArchive archive;
    private final SnapshotReader reader;
    private final Clock clock;
    private final SnapshotAssembler assembler = new SnapshotAssembler();

    public CreateSnapshotService(SnapshotArchive archive, SnapshotReader reader, Clock clock) {
        this.archive = Objects.requireNonNull(archive);
        this.reader = Objects.requireNonNull(reader);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public CreateSnapshotResult create(CreateSnapshotCommand command) {
        // The body's one fingerprint: the idempotency key compares it, the store keeps it, GET and ETag show it.
        ReceivedBody body = ReceivedBody.of(command.submission().receivedBody());
        IdempotencyKey key = idempotencyKey(command.submission(), body);
        if (key != null) {
            Optional<CreateSnapshotResult> earlier = replay(key);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        SnapshotAssembler.Assembled assembled = assembler.assemble(command);
        if (!assembled.errors().isEmpty()) {
            return new CreateSnapshotResult.Invalid(assembled.errors());
        }
        Snapshot snapshot = assembled.snapshot();
        // No look-up first: the store's unique constraints are the single source of truth, so
        // racing requests cannot both pass a check and both write.
        SaveResult result = archive.save(snapshot, body, clock.instant(), key);
        return switch (result) {
            case SaveResult.Saved saved -> new CreateSnapshotResult.Created(saved.snapshot());
            case SaveResult.KeyTaken taken -> replay(key)
                    .orElseThrow(() -> new IllegalStateException("store reported a taken key it cannot find"));
            // A racing retry with the same key may have won: then this request is its replay.
            case SaveResult.AlreadyArchived clash -> (key == null ? Optional.<CreateSnapshotResult>empty() : replay(key))
                    .orElseGet(() -> new CreateSnapshotResult.Duplicate(clash.existing(),
                            clash.existing().sameContentAs(snapshot)));
        };
    }

    /** The key scoped to its caller, or null when the request has none or one that breaks the rules. */
    private static IdempotencyKey idempotencyKey(CreateSnapshotCommand.Submission submission, ReceivedBody body) {
        if (submission.idempotencyKey() == null || submission.caller() == null) {
            return null;
        }
        try {
            return new IdempotencyKey(submission.caller(), submission.idempotencyKey(),
                    body.sha256());
        } catch (IllegalArgumentException e) {
            return null; // the assembler reports the malformed key as a field error
        }
    }

    private Optional<CreateSnapshotResult> replay(IdempotencyKey key) {
        return archive.findIdempotencyKey(key.caller(), key.key()).map(earlier -> {
            if (!earlier.requestSha256().equals(key.requestSha256())) {
                return new CreateSnapshotResult.KeyReused(key.key());
            }
            return reader.findByInvoiceNumber(earlier.invoiceNumber())
                    .<CreateSnapshotResult>map(CreateSnapshotResult.Replayed::new)
                    .orElseThrow(() -> new IllegalStateException("idempotency key points at a missing snapshot"));
        });
    }
}
