package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The listener is configured as the settings say, with Nagle's algorithm off and the settings' limits. */
class WiringTest {

    @Test
    void theListenerSendsWithoutNaglesDelay_onTheConfiguredAddress() {
        ArchiveSettings settings = ArchiveSettings.from(Config.just(ConfigSources.classpath("application.yaml")));
        WebServerConfig config = settings.listener().serverConfig().buildPrototype();
        assertTrue(config.connectionOptions().tcpNoDelay(), "TCP_NODELAY: multi-segment responses must not wait for an ACK");
        assertEquals("127.0.0.1", config.host());
        assertEquals(5012, config.port());
    }

    @Test
    void theListenerHasTheSettingsLimits() {
        ArchiveSettings settings = ArchiveSettingsTest.settings(Map.of(
                "ARCHIVE_MAX_BODY_BYTES", "65536", "ARCHIVE_MAX_REQUEST_LINE_BYTES", "1024",
                "ARCHIVE_MAX_HEADER_BYTES", "4096", "ARCHIVE_IDLE_TIMEOUT_SECONDS", "20",
                "ARCHIVE_READ_TIMEOUT_SECONDS", "5", "ARCHIVE_MAX_CONNECTIONS", "20"));
        WebServerConfig config = settings.listener().serverConfig().buildPrototype();
        assertEquals(65_536, config.maxPayloadSize());
        assertEquals(20, config.maxTcpConnections());
        assertEquals(Duration.ofSeconds(20), config.idleConnectionTimeout());
        assertEquals(Duration.ofSeconds(5), config.idleConnectionPeriod());
        assertTrue(config.connectionOptions().tcpNoDelay(), "the guard's socket options keep TCP_NODELAY");
        assertTrue(config.directHandlers().isPresent(), "errors before routing are problem bodies");
        Http1Config http1 = config.protocols().stream()
                .filter(Http1Config.class::isInstance).map(Http1Config.class::cast)
                .findFirst().orElseThrow();
        assertEquals(1024, http1.maxPrologueLength());
        assertEquals(4096, http1.maxHeadersSize());
        assertEquals(1, http1.receiveListeners().size(), "the slow-client guard sees request heads");
        assertEquals(1, http1.sendListeners().size(), "the slow-client guard sees response writes");
    }
}
