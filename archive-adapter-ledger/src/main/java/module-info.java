/** HTTP clients for the neighbours of the monthly run: Codex (companies), Ledger (accept a bill) and Core (service tokens). */
module io.hivematrix.archive.adapter.ledger {
    // Transitive: LedgerClients hands out the application's port types.
    requires transitive io.hivematrix.archive.application;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;

    // Only NeighbourSettings, LedgerClients and the two checkpoint witnesses are public; the clients themselves are
    // reached through the ports.
    exports io.hivematrix.archive.adapter.ledger;
}
