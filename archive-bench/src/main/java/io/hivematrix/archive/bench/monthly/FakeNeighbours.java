package io.hivematrix.archive.bench.monthly;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Starts fake Core, Codex and Ledger on loopback (each its own port, as in production, so the Archive's HTTP
 * client pools connections per neighbour) and writes their URLs, as shell assignments, to the ready file.
 * Runs until killed. Helidon serves every request on its own virtual thread, so Ledger's delays overlap freely.
 */
public final class FakeNeighbours {
    private FakeNeighbours() {
    }

    public static void main(String[] args) throws Exception {
        NeighbourOptions options;
        try {
            options = NeighbourOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("FakeNeighbours: " + e.getMessage());
            System.exit(2);
            return;
        }
        FakeCore core = new FakeCore();
        Optional<BillPostBack> postBack = options.archiveUrl().map(archive ->
                new BillPostBack(archive, options.fixture(), core.serviceToken("ledger", "archive")));
        FakeCodex codex = new FakeCodex(options.companies(), core);
        FakeLedger ledger = new FakeLedger(options.delay(), core, postBack);
        BenchControl control = new BenchControl(core, codex, ledger);

        WebServer coreServer = start(rules -> {
            core.routes(rules);
            control.routes(rules);
        });
        WebServer codexServer = start(codex::routes);
        WebServer ledgerServer = start(ledger::routes);
        List<WebServer> servers = List.of(coreServer, codexServer, ledgerServer);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servers.forEach(WebServer::stop);
            postBack.ifPresent(BillPostBack::close);
            stopped.countDown();
        }));

        writeReady(options.readyFile(), url(coreServer), url(codexServer), url(ledgerServer));
        System.err.println("FakeNeighbours: " + options.companies() + " companies, Ledger " + options.delay().toMillis()
                + " ms per bill" + (options.postBack() ? ", posting bills back to " + options.archiveUrl().get() : "")
                + "; Core " + url(coreServer) + ", Codex " + url(codexServer) + ", Ledger " + url(ledgerServer));
        stopped.await();
    }

    private static WebServer start(Consumer<HttpRouting.Builder> routes) {
        return WebServer.builder().host("127.0.0.1").port(0).routing(routes::accept).build().start();
    }

    private static String url(WebServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** Written to a temporary name and moved: the script polling for the file never reads half of it. */
    private static void writeReady(Path file, String core, String codex, String ledger) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, "CORE_SERVICE_URL=" + core + "\nCODEX_URL=" + codex + "\nLEDGER_URL=" + ledger + "\n");
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
