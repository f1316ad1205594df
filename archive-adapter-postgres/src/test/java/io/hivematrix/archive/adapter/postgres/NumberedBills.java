package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.application.port.out.SnapshotStore;
import io.hivematrix.archive.domain.ReceivedBody;
import io.hivematrix.archive.domain.Snapshot;
import io.hivematrix.archive.testkit.SampleSnapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Saves sample bills numbered from 1, one test's worth: bill n is invoice INV-{prefix}0000n of account
 * ACC-{prefix}0000n, month 1 + n % 12 of 2024, with body {"n": n}, archived at {@code archivedAt.apply(n)}.
 */
final class NumberedBills {
    private final String prefix;
    private final IntFunction<Instant> archivedAt;
    private int next;

    NumberedBills(String prefix, IntFunction<Instant> archivedAt) {
        this.prefix = prefix;
        this.archivedAt = archivedAt;
    }

    /** The next {@code count} bills, saved into {@code store} in order. */
    List<Snapshot> save(SnapshotStore store, int count) {
        List<Snapshot> saved = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            next++;
            Snapshot s = SampleSnapshots.bill(String.format("INV-%s%05d", prefix, next),
                    String.format("ACC-%s%05d", prefix, next), 2024, 1 + next % 12);
            store.save(s, ReceivedBody.of("{\"n\": " + next + "}"), archivedAt.apply(next), null);
            saved.add(s);
        }
        return saved;
    }
}
