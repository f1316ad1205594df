/** HTTP clients for the neighbours of the monthly run: Ledger, Codex and Core service tokens (filled by a later issue). */
module io.hivematrix.archive.adapter.ledger {
    requires io.hivematrix.archive.application;
    exports io.hivematrix.archive.adapter.ledger;
}
