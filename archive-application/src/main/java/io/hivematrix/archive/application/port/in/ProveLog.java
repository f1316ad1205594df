package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.InvoiceNumber;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.SignedCheckpoint;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Use cases of the transparency log for anyone who checks it from outside: the latest signed checkpoint, the key that
 * verifies it, and RFC 9162 inclusion and consistency proofs that need no trust in Archive.
 */
public interface ProveLog {

    /** The newest signed checkpoint, or empty while none has been cut. */
    Optional<SignedCheckpoint> latestCheckpoint();

    /** The verifier key of the checkpoints' signatures, in the signed-note text form. */
    String verifierKey();

    /** Proves the bill with this invoice number is leaf {@code leaf_index} of the tree of {@code treeSize} leaves. */
    InclusionResult inclusion(InvoiceNumber invoice, OptionalLong treeSize);

    /** Proves the tree of {@code from} leaves is a prefix of the tree of {@code to} leaves. */
    ConsistencyResult consistency(long from, OptionalLong to);

    /** What an inclusion proof request gets. */
    sealed interface InclusionResult {
        /** The proof, its path ordered from the leaf upward. */
        record Proved(long leafIndex, long treeSize, LogHash leafHash, LogHash rootHash, List<LogHash> path)
                implements InclusionResult {
        }

        record NotArchived(InvoiceNumber invoice) implements InclusionResult {
        }

        /** Archived, but not a leaf of the tree asked for yet ({@code leafIndex} -1 while it waits to be sealed). */
        record NotYetIncluded(InvoiceNumber invoice, long leafIndex, long treeSize) implements InclusionResult {
        }

        /** No tree size was given and no checkpoint has been cut yet. */
        record NoCheckpoint() implements InclusionResult {
        }

        /** The tree size asked for is not one the log has had. */
        record BadTreeSize(long treeSize, long logSize) implements InclusionResult {
        }
    }

    /** What a consistency proof request gets. */
    sealed interface ConsistencyResult {
        record Proved(long from, long to, List<LogHash> path) implements ConsistencyResult {
        }

        /** No {@code to} was given and no checkpoint has been cut yet. */
        record NoCheckpoint() implements ConsistencyResult {
        }

        /**
         * The sizes cannot be proved consistent: {@code field} names the parameter ({@code from} or {@code to}) and
         * {@code reason} says why.
         */
        record BadRange(String field, String reason) implements ConsistencyResult {
        }
    }
}
