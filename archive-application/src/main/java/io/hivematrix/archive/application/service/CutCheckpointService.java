package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.CutCheckpoint;
import io.hivematrix.archive.application.port.out.CheckpointWitness;
import io.hivematrix.archive.application.port.out.LogTree;
import io.hivematrix.archive.domain.SignedCheckpoint;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.MerkleLog;
import io.hivematrix.archive.domain.NoteKey;
import io.hivematrix.archive.domain.SignedNote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs the log's growth: at most one checkpoint per interval, by one instance at a time, and never one that does not
 * extend the checkpoint before it (a log that forked is refused, not signed).
 */
public final class CutCheckpointService implements CutCheckpoint {
    private final LogTree tree;
    private final String origin;
    private final NoteKey.Signer signer;
    private final Duration interval;
    private final List<CheckpointWitness> witnesses;
    private final Clock clock;

    public CutCheckpointService(LogTree tree, String origin, NoteKey.Signer signer, Duration interval,
                                List<CheckpointWitness> witnesses, Clock clock) {
        this.tree = Objects.requireNonNull(tree);
        this.origin = Objects.requireNonNull(origin);
        this.signer = Objects.requireNonNull(signer);
        this.interval = Objects.requireNonNull(interval);
        this.witnesses = List.copyOf(witnesses);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Optional<SignedCheckpoint> cut() {
        Optional<SignedCheckpoint> cut = tree.asCutter(this::cutAs);
        // Offered on every call, not only after a cut here: a witness that missed one (or another instance's) catches up.
        tree.latestCheckpoint().ifPresent(latest -> witnesses.forEach(w -> w.offer(latest)));
        return cut;
    }

    private SignedCheckpoint cutAs(LogTree.Cutter cutter) {
        Instant now = clock.instant();
        long size = cutter.size();
        Optional<SignedCheckpoint> latest = cutter.latest();
        if (size == 0 || latest.isPresent() && (latest.get().checkpoint().size() >= size
                || now.isBefore(latest.get().cutAt().plus(interval)))) {
            return null;
        }
        LogHash root = MerkleLog.treeHash(size, cutter::read);
        if (latest.isPresent()) {
            Checkpoint old = latest.get().checkpoint();
            List<LogHash> proof = MerkleLog.consistencyProof(size, old.size(), cutter::read);
            if (!MerkleLog.extendsTo(proof, size, root, old.size(), old.root())) {
                throw new IllegalStateException("the log of " + size + " leaves does not extend checkpoint "
                        + old.size() + ": refusing to sign it (stored hashes were changed?)");
            }
        }
        Checkpoint checkpoint = new Checkpoint(origin, size, root);
        SignedCheckpoint signed = new SignedCheckpoint(checkpoint, SignedNote.sign(checkpoint.text(), signer), now);
        cutter.save(signed);
        return signed;
    }
}
