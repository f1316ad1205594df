package io.hivematrix.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code archive token --ttl}: the lifetimes it reads. */
class TokenCommandTest {

    @Test
    void ttl_acceptsSecondsMinutesHoursDays_only() {
        assertEquals(Duration.ofMinutes(30), TokenCommand.parseTtl("30m"));
        assertEquals(Duration.ofDays(7), TokenCommand.parseTtl("7d"));
        assertTrue(TokenCommand.parseTtl("90s").getSeconds() == 90);
        assertThrows(IllegalArgumentException.class, () -> TokenCommand.parseTtl("forever"));
    }
}
