package io.hivematrix.archive.adapter.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings are checked at start-up, and URLs are joined and shown in logs safely. */
class NeighbourSettingsTest {

    @Test
    void defaults_are30SecondsPerCallAnd5ToConnect_andUnsetNeighboursAreEmpty() {
        NeighbourSettings settings = NeighbourSettings.of(null, URI.create("http://ledger:5030"), null);

        assertEquals(Duration.ofSeconds(30), settings.callTimeout());
        assertEquals(Duration.ofSeconds(5), settings.connectTimeout());
        assertEquals(Optional.empty(), settings.codexUrl());
        assertEquals(Optional.empty(), settings.coreUrl());
    }

    @Test
    void aUrlThatIsNotAbsoluteHttp_orANonPositiveTimeout_isRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeighbourSettings.of(URI.create("localhost:5010"), null, null));
        assertEquals("CODEX_URL must be an absolute http(s) URL, got localhost:5010", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NeighbourSettings.of(null, URI.create("ftp://ledger"), null));
        assertThrows(IllegalArgumentException.class,
                () -> NeighbourSettings.of(null, null, null).withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
    }

    @Test
    void resolve_keepsAPathPrefix_andDisplay_dropsUserInfoAndQuery() {
        assertEquals(URI.create("http://proxy/codex/api/companies"),
                NeighbourHttp.resolve(URI.create("http://proxy/codex//"), "/api/companies"));
        assertEquals("https://core.example:8443/core",
                NeighbourHttp.display(URI.create("https://svc:s3cret@core.example:8443/core?x=1")));
    }
}
