package io.hivematrix.archive.adapter.ledger;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Codex, Ledger and Core live ({@code CODEX_URL}, {@code LEDGER_URL}, {@code CORE_SERVICE_URL};
 * each may be unset) and how long one call to them may take.
 *
 * @param codexUrl       Codex base URL; empty → listing companies fails with "not configured"
 * @param ledgerUrl      Ledger base URL; empty → every accept fails with "not configured"
 * @param coreUrl        Core base URL; empty → no service token, so no {@code Authorization} header (dev)
 * @param callTimeout    the most one call may take, from sending the request to the last byte of the answer
 * @param connectTimeout the most opening a connection may take (part of the call timeout too)
 */
public record NeighbourSettings(Optional<URI> codexUrl, Optional<URI> ledgerUrl, Optional<URI> coreUrl,
                                Duration callTimeout, Duration connectTimeout) {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public NeighbourSettings {
        Objects.requireNonNull(codexUrl, "codexUrl");
        Objects.requireNonNull(ledgerUrl, "ledgerUrl");
        Objects.requireNonNull(coreUrl, "coreUrl");
        requirePositive(callTimeout, "call timeout");
        requirePositive(connectTimeout, "connect timeout");
        codexUrl.ifPresent(u -> requireHttp(u, "CODEX_URL"));
        ledgerUrl.ifPresent(u -> requireHttp(u, "LEDGER_URL"));
        coreUrl.ifPresent(u -> requireHttp(u, "CORE_SERVICE_URL"));
    }

    /** The given neighbours (null = not configured) with the default timeouts. */
    public static NeighbourSettings of(URI codexUrl, URI ledgerUrl, URI coreUrl) {
        return new NeighbourSettings(Optional.ofNullable(codexUrl), Optional.ofNullable(ledgerUrl),
                Optional.ofNullable(coreUrl), DEFAULT_CALL_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
    }

    /** The same neighbours with other timeouts. */
    public NeighbourSettings withTimeouts(Duration call, Duration connect) {
        return new NeighbourSettings(codexUrl, ledgerUrl, coreUrl, call, connect);
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    // Caught here, at start-up, rather than as a puzzling error on the first monthly run.
    private static void requireHttp(URI uri, String setting) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(setting + " must be an absolute http(s) URL, got " + uri);
        }
    }
}
