package io.hivematrix.archive.adapter.rest.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void writesWhatTheFormatterWrites() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("-0500-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertEquals(expected(instant), Timestamps.iso(instant));
        }
    }

    @Test
    void padsEveryField() {
        assertEquals("0007-02-03T04:05:06.000007+00:00", Timestamps.iso(Instant.parse("0007-02-03T04:05:06.000007Z")));
        assertEquals("2026-01-03T16:16:36.603958+00:00", Timestamps.iso(Instant.parse("2026-01-03T16:16:36.603958Z")));
        // Nanoseconds are cut to microseconds, never rounded up into the next second.
        assertEquals("2026-12-31T23:59:59.999999+00:00", Timestamps.iso(Instant.parse("2026-12-31T23:59:59.999999999Z")));
    }

    private static String expected(Instant instant) {
        return Timestamps.FORMAT.format(instant.atOffset(ZoneOffset.UTC));
    }
}
