package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which settings count as trading safety for speed, and how readiness names them. */
class ServerDurabilityTest {

    @Test
    void everySettingOn_isDurable() {
        ServerDurability d = new ServerDurability(Map.of("fsync", "on", "synchronous_commit", "on",
                "full_page_writes", "on"));
        assertTrue(d.durable());
        assertEquals("durable", d.describe());
    }

    @Test
    void localAndRemoteCommitLevels_stillFlushLocally() {
        for (String level : List.of("local", "remote_write", "remote_apply")) {
            assertTrue(new ServerDurability(Map.of("fsync", "on", "synchronous_commit", level,
                    "full_page_writes", "on")).durable(), level);
        }
    }

    @Test
    void eachSettingOff_isNamed_inAFixedOrder() {
        ServerDurability d = new ServerDurability(Map.of("fsync", "off", "synchronous_commit", "off",
                "full_page_writes", "off"));
        assertFalse(d.durable());
        assertEquals(List.of("fsync=off", "synchronous_commit=off", "full_page_writes=off"), d.weakened());
        assertEquals("degraded (fsync=off, synchronous_commit=off, full_page_writes=off)", d.describe());
    }

    @Test
    void aSettingTheServerDidNotReport_cannotBeVouchedFor() {
        ServerDurability d = new ServerDurability(Map.of("fsync", "on", "synchronous_commit", "on"));
        assertEquals(List.of("full_page_writes=unknown"), d.weakened());
    }
}
