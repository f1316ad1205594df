package io.hivematrix.archive.adapter.ledger;

import static io.hivematrix.archive.adapter.ledger.TestSupport.issuingTokens;

import io.hivematrix.archive.testkit.SettableClock;
import io.hivematrix.archive.testkit.neighbours.LoopbackServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fake neighbour (Codex or Ledger) and a fake Core issuing five-minute service tokens, both on loopback, with
 * the clients a test builds over them; one per test, closed after it ({@code @AutoClose}).
 */
final class FakeNeighbours implements AutoCloseable {
    final SettableClock clock = TestSupport.clock();
    /** Service tokens Core has issued. */
    final AtomicInteger issued = new AtomicInteger();
    final LoopbackServer neighbour = LoopbackServer.start();
    final LoopbackServer core = LoopbackServer.start();
    private LedgerClients clients;

    FakeNeighbours() {
        core.on("POST", "/service-token", issuingTokens(issued, ",\"expires_in\":300", 0));
    }

    /** Clients for Codex and Ledger at the given addresses (either may be null) with a generous call timeout. */
    LedgerClients clients(URI codexUrl, URI ledgerUrl, URI coreUrl) {
        return clients(codexUrl, ledgerUrl, coreUrl, TestSupport.GENEROUS_TIMEOUT);
    }

    /** Clients for Codex and Ledger at the given addresses (either may be null), closed with the fakes. */
    LedgerClients clients(URI codexUrl, URI ledgerUrl, URI coreUrl, Duration callTimeout) {
        clients = LedgerClients.create(NeighbourSettings.of(codexUrl, ledgerUrl, coreUrl)
                .withTimeouts(callTimeout, Duration.ofSeconds(2)), clock);
        return clients;
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
        neighbour.close();
        core.close();
    }
}
