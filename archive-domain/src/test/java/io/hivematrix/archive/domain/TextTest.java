package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @Test
    void optional_acceptsNullAndTextAtTheLimit() {
        assertNull(Text.optional(null, 5, "notes"));
        assertEquals("abcde", Text.optional("abcde", 5, "notes"));
    }

    @Test
    void optional_rejectsTextOverTheLimit() {
        assertEquals("notes must be at most 5 characters", Rejection.of(() -> Text.optional("abcdef", 5, "notes")));
    }

    @Test
    void length_countsCodePointsNotUtf16Units() {
        String fiveEmoji = "😀".repeat(5); // ten UTF-16 units
        assertEquals(fiveEmoji, Text.optional(fiveEmoji, 5, "name"));
        assertThrows(IllegalArgumentException.class, () -> Text.optional(fiveEmoji + "x", 5, "name"));
    }

    @Test
    void nulCharacter_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Text.optional("a\0b", 10, "notes"));
        assertEquals("notes must not contain NUL characters", e.getMessage());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void required_rejectsMissingOrBlank(String value) {
        assertEquals("company name is required", Rejection.of(() -> Text.required(value, 10, "company name")));
    }

    @Test
    void required_appliesTheSameLimits() {
        assertEquals("Acme", Text.required("Acme", 10, "company name"));
        assertThrows(IllegalArgumentException.class, () -> Text.required("x".repeat(11), 10, "company name"));
        assertThrows(IllegalArgumentException.class, () -> Text.required("a\0", 10, "company name"));
    }

    @Test
    void aNulCharacterAnywhere_evenFirst_isRejected() {
        assertEquals("notes must not contain NUL characters", Rejection.of(() -> Text.optional("\0abc", 10, "notes")));
    }
}
