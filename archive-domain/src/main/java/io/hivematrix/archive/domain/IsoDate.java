package io.hivematrix.archive.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The one date format the archive accepts: {@code YYYY-MM-DD}, a real calendar day, nothing else. */
public final class IsoDate {
    private IsoDate() {
    }

    public static LocalDate parse(String text) {
        try {
            // LocalDate.parse alone would also take "+2025-01-01" and six-digit years.
            if (text == null || text.length() != 10) {
                throw new DateTimeParseException("", String.valueOf(text), 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a date as YYYY-MM-DD");
        }
    }
}
