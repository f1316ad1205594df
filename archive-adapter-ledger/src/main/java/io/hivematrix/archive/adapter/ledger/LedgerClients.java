package io.hivematrix.archive.adapter.ledger;

import io.hivematrix.archive.application.port.out.CompanyDirectory;
import io.hivematrix.archive.application.port.out.LedgerGateway;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The module's entry point: Codex and Ledger clients sharing one {@code HttpClient} and one Core token
 * cache. Close it at shutdown to release the HTTP client.
 */
public final class LedgerClients implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LedgerClients.class.getName());

    private final NeighbourHttp http;
    private final CompanyDirectory directory;
    private final LedgerGateway ledger;

    private LedgerClients(NeighbourHttp http, CompanyDirectory directory, LedgerGateway ledger) {
        this.http = http;
        this.directory = directory;
        this.ledger = ledger;
    }

    /** Clients for the neighbours in {@code settings}; an unset neighbour yields a client that fails with "not configured". */
    public static LedgerClients create(NeighbourSettings settings) {
        return create(settings, InstantSource.system());
    }

    /** As {@link #create(NeighbourSettings)}, with the clock that decides when a token is due for renewal. */
    static LedgerClients create(NeighbourSettings settings, InstantSource clock) {
        NeighbourHttp http = new NeighbourHttp(settings.callTimeout(), settings.connectTimeout());
        CoreServiceTokens tokens = new CoreServiceTokens(settings.coreUrl(), http, clock);
        LOG.log(Level.INFO, "Monthly run neighbours: Codex " + shown(settings.codexUrl()) + ", Ledger "
                + shown(settings.ledgerUrl()) + ", Core service tokens " + settings.coreUrl().map(NeighbourHttp::display)
                .orElse("not configured (calls to Codex and Ledger carry no Authorization header)"));
        return new LedgerClients(http,
                new CodexCompanyDirectory(settings.codexUrl(), http, tokens),
                new LedgerBillGateway(settings.ledgerUrl(), http, tokens));
    }

    /** Codex, as the application's company directory. */
    public CompanyDirectory directory() {
        return directory;
    }

    /** Ledger, as the application's gateway for accepting bills. */
    public LedgerGateway ledger() {
        return ledger;
    }

    private static String shown(Optional<URI> url) {
        return url.map(NeighbourHttp::display).orElse("not configured");
    }

    @Override
    public void close() {
        http.close();
    }
}
