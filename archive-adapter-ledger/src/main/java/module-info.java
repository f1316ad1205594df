/** HTTP clients for the neighbours of the monthly run: Ledger, Codex and Core service tokens (filled by a later issue). */
module io.hivematrix.archive.adapter.ledger {
    requires io.hivematrix.archive.application;
    // Nothing to export yet: the package-info documents the role this module fills in a later issue.
}
