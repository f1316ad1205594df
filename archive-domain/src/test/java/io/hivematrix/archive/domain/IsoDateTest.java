package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoDateTest {

    @Test
    void aRealCalendarDay_parses() {
        assertEquals(LocalDate.of(2024, 2, 29), IsoDate.parse("2024-02-29"));
        assertEquals(LocalDate.of(2025, 12, 31), IsoDate.parse("2025-12-31"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "2025-02-29", "2025-13-01", "2025-1-01", "+2025-01-01", "+12025-01-01", "2025/01/01",
            "01-01-2025", "2025-01-01T00:00"})
    void anythingElse_isRejectedWithTheFormat(String text) {
        assertEquals("must be a date as YYYY-MM-DD", Rejection.of(() -> IsoDate.parse(text)));
    }
}
