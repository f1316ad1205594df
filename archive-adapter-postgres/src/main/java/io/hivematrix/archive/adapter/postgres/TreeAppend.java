package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbTransaction;
import io.hivematrix.archive.domain.AuditLink;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.MerkleLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends sealed links to the transparency log inside the sealing transaction: computes each leaf's stored hashes
 * (the leaf, then every subtree it completes) and writes them in a few multi-row statements.
 */
final class TreeAppend {
    /** Hashes per call: one array parameter, kept to a few hundred kilobytes. */
    private static final int ROW_CHUNK = 5_000;

    private final DbTransaction tx;
    /** Hashes written in this transaction, and the frontier's read once from the table. */
    private final Map<Long, LogHash> known = new HashMap<>();
    private final List<LogHash> added = new ArrayList<>();
    private final long firstIndex;
    private long size;

    private TreeAppend(DbTransaction tx, long size) {
        this.tx = tx;
        this.size = size;
        this.firstIndex = MerkleLog.storedHashCount(size);
    }

    static TreeAppend open(DbTransaction tx) {
        return new TreeAppend(tx, StoredHashes.size(tx));
    }

    /** How many leaves the log holds, those appended here included. */
    long size() {
        return size;
    }

    /** Appends the link's leaf; links must come in sequence, leaf {@code seq - 1} next. */
    void append(AuditLink link) {
        if (link.seq() != size + 1) {
            throw new IllegalStateException("the log holds " + size + " leaves; link " + link.seq() + " is not next");
        }
        for (LogHash hash : MerkleLog.storedHashesForLeaf(size, link.leafHash(), this::read)) {
            known.put(firstIndex + added.size(), hash);
            added.add(hash);
        }
        size++;
    }

    /** Writes what was appended, through the owner's function: this role may not write the log's table. */
    void write() {
        for (int from = 0; from < added.size(); from += ROW_CHUNK) {
            int to = Math.min(added.size(), from + ROW_CHUNK);
            byte[][] hashes = new byte[to - from][];
            for (int i = from; i < to; i++) {
                hashes[i - from] = added.get(i).bytes();
            }
            tx.get(TreeSql.APPEND_HASHES, firstIndex + from, hashes);
        }
    }

    private List<LogHash> read(long[] indexes) {
        List<Long> missing = new ArrayList<>();
        for (long index : indexes) {
            if (!known.containsKey(index)) {
                missing.add(index);
            }
        }
        if (!missing.isEmpty()) {
            long[] toRead = missing.stream().mapToLong(Long::longValue).toArray();
            List<LogHash> read = StoredHashes.read(tx, toRead);
            for (int i = 0; i < toRead.length; i++) {
                known.put(toRead[i], read.get(i));
            }
        }
        List<LogHash> hashes = new ArrayList<>(indexes.length);
        for (long index : indexes) {
            hashes.add(known.get(index));
        }
        return hashes;
    }
}
