package io.hivematrix.archive.adapter.ledger;

import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.testkit.contract.LedgerGatewayContract;
import io.hivematrix.archive.testkit.neighbours.FakeCoreServer;
import io.hivematrix.archive.testkit.neighbours.FakeLedgerServer;
import java.util.ArrayList;
import java.util.List;

/** The Ledger client, against the test kit's Ledger and Core on loopback, holds to the gateway contract. */
class LedgerBillGatewayContractTest extends LedgerGatewayContract {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final FakeCoreServer core = new FakeCoreServer();

    @Override
    protected Ledger ledger() {
        // Ledger answering only calls with a token its Core handed out: the client must fetch and send one.
        FakeLedgerServer server = new FakeLedgerServer().requireTokensFrom(core);
        started.add(server);
        return new Ledger(TestSupport.clients(started, null, server.uri(), core.uri()).ledger(),
                account -> server.failFirst(account, 1), server::calls);
    }

    @Override
    protected LedgerGateway unreachable() {
        return TestSupport.clients(started, null, TestSupport.closedPort(), core.uri()).ledger();
    }

    @Override
    protected void tearDown() {
        TestSupport.closeAll(started);
        core.close();
    }
}
