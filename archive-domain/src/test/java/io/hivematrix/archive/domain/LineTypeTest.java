package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineTypeTest {

    @ParameterizedTest
    @CsvSource({"USER, user", "ASSET, asset", "BACKUP, backup", "TICKET, ticket", "CUSTOM, custom"})
    void code_isTheLowerCaseName(LineType type, String code) {
        assertEquals(code, type.code());
        assertEquals(type, LineType.fromCode(code));
    }

    @ParameterizedTest
    @EnumSource(LineType.class)
    void fromCode_roundTripsEveryType(LineType type) {
        assertEquals(type, LineType.fromCode(type.code()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "USER", "User", " user", "license", "customs"})
    void unknownOrWrongCaseCode_isRejected(String code) {
        assertEquals("line type must be one of user, asset, backup, ticket, custom",
                Rejection.of(() -> LineType.fromCode(code)));
    }

    @Test
    void thereAreExactlyFiveTypes() {
        assertEquals(5, LineType.values().length);
    }
}
