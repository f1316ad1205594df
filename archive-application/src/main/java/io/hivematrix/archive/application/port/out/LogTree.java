package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.Checkpoint;
import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.SignedCheckpoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The transparency log over the sealed chain (leaf i is link i + 1): the hashes stored as sealing appends leaves, and
 * the checkpoints signed over them. Leaves are appended by {@link AuditLog#sealPending} in the sealing transaction.
 */
public interface LogTree {

    /** How many leaves the log holds now. */
    long size();

    /** Stored hashes by index ({@code MerkleLog.storedHashIndex}), in the order asked; each index must exist. */
    List<LogHash> read(long[] indexes);

    /** Where the snapshot with this invoice number stands: empty when no such snapshot is archived. */
    Optional<Leaf> leaf(InvoiceNumber invoice);

    /** The newest checkpoint, or empty while none has been cut. */
    Optional<SignedCheckpoint> latestCheckpoint();

    /** The checkpoint cut at exactly this tree size, if one was. */
    Optional<SignedCheckpoint> checkpoint(long treeSize);

    /**
     * Runs {@code work} as the log's only cutter, across every instance, in one transaction that keeps what it
     * saves when {@code work} returns; empty when another cutter is at work right now.
     */
    <T> Optional<T> asCutter(Function<Cutter, T> work);

    /** What the cutter sees and does, inside its transaction. */
    interface Cutter {
        long size();

        List<LogHash> read(long[] indexes);

        Optional<SignedCheckpoint> latest();

        /** Appends a checkpoint; its tree size must exceed the latest's ({@link #requireAfter}). */
        void save(SignedCheckpoint checkpoint);

        /** Refuses a checkpoint that would not come after the latest: the log's checkpoints only grow. */
        static void requireAfter(Optional<SignedCheckpoint> latest, SignedCheckpoint next) {
            long latestSize = latest.map(l -> l.checkpoint().size()).orElse(-1L);
            if (next.checkpoint().size() <= latestSize) {
                throw new IllegalStateException("a checkpoint of size " + next.checkpoint().size()
                        + " after one of " + latestSize);
            }
        }
    }

    /**
     * A snapshot's place in the log.
     *
     * @param link its sealed link (leaf {@code link.seq() - 1}), or null while it waits to be sealed
     */
    record Leaf(InvoiceNumber invoice, AuditLink link) {
        public Leaf {
            Objects.requireNonNull(invoice);
        }

        public boolean sealed() {
            return link != null;
        }
    }

}
