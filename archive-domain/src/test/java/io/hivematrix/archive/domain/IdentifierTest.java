package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Account and invoice numbers share one rule: 1–50 characters of [A-Za-z0-9._-]. */
class IdentifierTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("account number", (Function<String, Object>) AccountNumber::new),
                Arguments.of("invoice number", (Function<String, Object>) InvoiceNumber::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void fiftyCharacters_isAccepted(String what, Function<String, Object> make) {
        String fifty = "a".repeat(50);
        assertEquals(fifty, make.apply(fifty).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void fiftyOneCharacters_isRejected(String what, Function<String, Object> make) {
        assertEquals(what + " must be at most 50 characters", Rejection.of(() -> make.apply("a".repeat(51))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void oneCharacter_isAccepted(String what, Function<String, Object> make) {
        assertEquals("7", make.apply("7").toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyAllowedCharacterClass_isAccepted(String what, Function<String, Object> make) {
        String value = "AZaz09._-";
        assertEquals(value, make.apply(value).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void nullOrEmpty_isRequired(String what, Function<String, Object> make) {
        assertEquals(what + " is required", Rejection.of(() -> make.apply(null)));
        assertEquals(what + " is required", Rejection.of(() -> make.apply("")));
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "620 547", "620547 ", "a/b", "a\\b", "a+b", "a:b", "é", "620547\n", "a\0b",
            "１２３", "'; drop table x; --", "a,b", "a%20b"})
    void badCharacters_areRejected(String value) {
        assertEquals("account number may only contain letters, digits, '.', '_' and '-'",
                Rejection.of(() -> new AccountNumber(value)));
        assertThrows(IllegalArgumentException.class, () -> new InvoiceNumber(value));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingInvoiceNumber_namesTheField(String value) {
        assertEquals("invoice number is required", Rejection.of(() -> new InvoiceNumber(value)));
    }

    @Test
    void sameValue_isEqual() {
        assertEquals(new AccountNumber("620547"), new AccountNumber("620547"));
        assertEquals(new InvoiceNumber("620547-202510"), new InvoiceNumber("620547-202510"));
        assertEquals(new AccountNumber("x").hashCode(), new AccountNumber("x").hashCode());
    }

    @Test
    void toString_isTheBareValue() {
        assertEquals("620547-202510", new InvoiceNumber("620547-202510").toString());
        assertEquals("620547", new AccountNumber("620547").toString());
    }
}
