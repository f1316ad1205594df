package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hivematrix.archive.adapter.postgres.CompanyAccounts.Matches;
import io.hivematrix.archive.adapter.postgres.CompanyAccounts.Narrowed;
import io.hivematrix.archive.adapter.postgres.CompanyAccounts.Pair;
import io.hivematrix.archive.domain.SnapshotCursor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which accounts, from which time, can hold a page of a search by company text alone ({@link Matches#narrowed}). */
class NarrowedTest {
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
    /** Five pairs, newest last seen at T+5 .. T+1 seconds; C has two names, and B ties with C's newer one. */
    private static final Matches MATCHES = new Matches(5, 1_000, List.of(pair("A", 5), pair("B", 4), pair("C", 4),
            pair("D", 2), pair("C", 1)), true);

    @Test
    void thePageStartsAtTheNeedthNewestPair_andReadsEveryAccountThatReachesIt() {
        assertEquals(new Narrowed(at(5), List.of("A")), MATCHES.narrowed(null, 1));
        // Two needed: the second newest time is a tie, so both tied accounts are read.
        assertEquals(new Narrowed(at(4), List.of("A", "B", "C")), MATCHES.narrowed(null, 2));
        assertEquals(new Narrowed(at(4), List.of("A", "B", "C")), MATCHES.narrowed(null, 3));
        assertEquals(new Narrowed(at(2), List.of("A", "B", "C", "D")), MATCHES.narrowed(null, 4));
        // C's older name holds the fifth bill: C is read once.
        assertEquals(new Narrowed(at(1), List.of("A", "B", "C", "D")), MATCHES.narrowed(null, 5));
    }

    @Test
    void withoutEnoughPairsToProveAPage_nothingIsNarrowed() {
        assertNull(MATCHES.narrowed(null, 6));
        assertNull(MATCHES.narrowed(null, 0));
        assertNull(new Matches(0, 1_000, List.of(), false).narrowed(null, 1));
        // Past what the pairs are read for, there are none to tell.
        assertNull(new Matches(1_001, 1_000, List.of(), true).narrowed(null, 1));
    }

    @Test
    void afterACursor_onlyPairsOlderThanItProveABill_butNewerOnesAreStillRead() {
        // Before T+4: D (T+2) and C's old name (T+1) are proven; A, B, C may hold older bills too.
        SnapshotCursor cursor = new SnapshotCursor(at(4), 100);
        assertEquals(new Narrowed(at(2), List.of("A", "B", "C", "D")), MATCHES.narrowed(cursor, 1));
        assertEquals(new Narrowed(at(1), List.of("A", "B", "C", "D")), MATCHES.narrowed(cursor, 2));
        assertNull(MATCHES.narrowed(cursor, 3));
        // A pair at the cursor's very time proves nothing: its bill may be the cursor's own, or after it.
        assertNull(MATCHES.narrowed(new SnapshotCursor(at(1), 1), 1));
    }

    @Test
    void fromTheNewestPairsAlone_aPageIsNarrowedOnlyAsFarAsTheyProve() {
        // Seven pairs match; the three newest were read (the rest are older than T+4).
        Matches newest = new Matches(7, 1_000, List.of(pair("A", 5), pair("B", 4), pair("C", 4)), true);
        assertEquals(new Narrowed(at(4), List.of("A", "B", "C")), newest.narrowed(null, 3));
        // A fourth bill may lie in any of the pairs not read: nothing is narrowed.
        assertNull(newest.narrowed(null, 4));
        assertEquals(new Narrowed(at(4), List.of("A", "B", "C")), newest.narrowed(new SnapshotCursor(at(5), 1), 2));
        assertNull(newest.narrowed(new SnapshotCursor(at(5), 1), 3));
    }

    private static Pair pair(String account, int seconds) {
        return new Pair(account, at(seconds));
    }

    private static Instant at(int seconds) {
        return T.plusSeconds(seconds);
    }

    @Test
    void thePairsReadGrowWithTheSquareRootOfTheArchive_fromAThousand() {
        assertEquals(1_000, CompanyAccounts.pairBound(-1), "never analysed");
        assertEquals(1_000, CompanyAccounts.pairBound(6_000));
        assertEquals(1_289, CompanyAccounts.pairBound(16_634), "1,000,000 bills");
        assertEquals(4_115, CompanyAccounts.pairBound(169_373), "10,000,000 bills");
        assertEquals(1_000_000_000, CompanyAccounts.pairBound(1e30));
    }
}
