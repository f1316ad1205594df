package io.hivematrix.archive.adapter.postgres;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.hivematrix.archive.domain.LogHash;
import io.hivematrix.archive.domain.MerkleLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the transparency log's stored hashes, in or out of a transaction. */
final class StoredHashes {
    /** Indexes per statement: a proof needs about 2 log2(n); a check of the whole log reads in pieces of this. */
    static final int CHUNK = 1_000;

    private StoredHashes() {
    }

    /** How many leaves the log holds, from how many hashes it stores. */
    static long size(DbExecute db) {
        long stored = db.get(TreeSql.STORED_COUNT).map(row -> Rows.longValue(row, "n")).orElse(0L);
        return MerkleLog.leafCount(stored);
    }

    /** The hashes at these indexes, in the order asked. */
    static List<LogHash> read(DbExecute db, long[] indexes) {
        Map<Long, LogHash> found = new HashMap<>();
        for (int from = 0; from < indexes.length; from += CHUNK) {
            long[] chunk = Arrays.copyOfRange(indexes, from, Math.min(indexes.length, from + CHUNK));
            StringBuilder sql = new StringBuilder(TreeSql.HASHES_AT).append('(');
            List<Object> params = new ArrayList<>(chunk.length);
            for (int i = 0; i < chunk.length; i++) {
                sql.append(i == 0 ? "?" : ", ?");
                params.add(chunk[i]);
            }
            try (Stream<DbRow> rows = db.query(sql.append(')').toString(), params.toArray())) {
                rows.forEach(row -> found.put(Rows.longValue(row, "idx"), LogHash.of((byte[]) Rows.value(row, "hash"))));
            }
        }
        List<LogHash> hashes = new ArrayList<>(indexes.length);
        for (long index : indexes) {
            LogHash hash = found.get(index);
            if (hash == null) {
                throw new IllegalStateException("the log stores no hash at index " + index);
            }
            hashes.add(hash);
        }
        return hashes;
    }
}
