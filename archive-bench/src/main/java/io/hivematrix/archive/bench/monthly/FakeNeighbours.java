package io.hivematrix.archive.bench.monthly;

import io.hivematrix.archive.testkit.neighbours.FakeCodexServer;
import io.hivematrix.archive.testkit.neighbours.FakeCoreServer;
import io.hivematrix.archive.testkit.neighbours.FakeLedgerServer;
import io.hivematrix.archive.testkit.neighbours.LedgerBills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the test kit's fake Core, Codex and Ledger on loopback (each its own port, as in production, so the
 * Archive's HTTP client pools connections per neighbour) and writes their URLs, as shell assignments, to the ready
 * file. Runs until killed. Helidon serves every request on its own virtual thread, so Ledger's delays overlap freely.
 */
public final class FakeNeighbours {
    /** Codex's accounts start here: 700001, 700002, … */
    private static final int FIRST_ACCOUNT = 700_001;

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
        FakeCoreServer core = new FakeCoreServer();
        FakeCodexServer codex = new FakeCodexServer(FakeCodexServer.numbered("%d", "Bench Company %d", FIRST_ACCOUNT,
                options.companies())).requireTokensFrom(core);
        LedgerMeter meter = new LedgerMeter();
        FakeLedgerServer ledger = new FakeLedgerServer().work(options.delay()).requireTokensFrom(core).observe(meter);
        options.archiveUrl().ifPresent(archive -> ledger.postBillsTo(archive,
                "Bearer " + core.service("ledger"), LedgerBills.from(options.fixture()), codex::name));
        new BenchControl(core, codex, meter).routes(core.server());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ledger.close();
            codex.close();
            core.close();
            stopped.countDown();
        }));

        writeReady(options.readyFile(), core.uri().toString(), codex.uri().toString(), ledger.uri().toString());
        System.err.println("FakeNeighbours: " + options.companies() + " companies, Ledger " + options.delay().toMillis()
                + " ms per bill" + (options.postBack() ? ", posting bills back to " + options.archiveUrl().get() : "")
                + "; Core " + core.uri() + ", Codex " + codex.uri() + ", Ledger " + ledger.uri());
        stopped.await();
    }

    /** Written to a temporary name and moved: the script polling for the file never reads half of it. */
    private static void writeReady(Path file, String core, String codex, String ledger) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, "CORE_SERVICE_URL=" + core + "\nCODEX_URL=" + codex + "\nLEDGER_URL=" + ledger + "\n");
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
