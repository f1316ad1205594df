package io.hivematrix.archive.adapter.rest.routes;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as the original wrote them (Python's isoformat() in UTC): 2026-01-03T16:16:36.603958+00:00. */
public final class Timestamps {
    /** The definition; {@link #iso} writes the same characters without it for years 0 to 9999. */
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private static final char[] TEMPLATE = "0000-00-00T00:00:00.000000+00:00".toCharArray();

    private Timestamps() {
    }

    /**
     * ISO-8601 with microseconds and a numeric offset. Filled into a fixed template because every search hit
     * and export row carries one: through the formatter it was ~7 % of a search's CPU.
     */
    static String iso(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return FORMAT.format(instant.atOffset(ZoneOffset.UTC)); // signed years: the formatter's rules
        }
        char[] c = TEMPLATE.clone();
        digits(c, 0, t.getYear(), 4);
        digits(c, 5, t.getMonthValue(), 2);
        digits(c, 8, t.getDayOfMonth(), 2);
        digits(c, 11, t.getHour(), 2);
        digits(c, 14, t.getMinute(), 2);
        digits(c, 17, t.getSecond(), 2);
        digits(c, 20, t.getNano() / 1_000, 6);
        return new String(c);
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
