package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome;
import io.hivematrix.archive.testkit.contract.LedgerGatewayContract;

/** The in-memory Ledger holds to the contract the Ledger client does. */
class FakeLedgerTest extends LedgerGatewayContract {
    @Override
    protected Ledger ledger() {
        FakeLedger fake = new FakeLedger(null, 0);
        return new Ledger(fake,
                account -> fake.script(account, new AcceptOutcome.Failed(500, "Ledger answered HTTP 500", true)),
                account -> (int) fake.calls().stream().filter(a -> a.value().equals(account)).count());
    }

    @Override
    protected LedgerGateway unreachable() {
        return new FakeLedger(null, 0).script("C03",
                new AcceptOutcome.Failed(0, "Ledger refused the connection or is unreachable", true));
    }
}
