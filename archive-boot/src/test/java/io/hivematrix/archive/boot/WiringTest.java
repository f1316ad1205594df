package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServerConfig;
import org.junit.jupiter.api.Test;

/** The listener is configured as the settings say, with Nagle's algorithm off. */
class WiringTest {

    @Test
    void theListenerSendsWithoutNaglesDelay_onTheConfiguredAddress() {
        ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.classpath("application.yaml")));
        WebServerConfig config = Wiring.serverConfig(settings).buildPrototype();
        assertTrue(config.connectionOptions().tcpNoDelay(), "TCP_NODELAY: multi-segment responses must not wait for an ACK");
        assertEquals("127.0.0.1", config.host());
        assertEquals(5012, config.port());
    }
}
