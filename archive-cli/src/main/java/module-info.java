/**
 * The operator's command line: {@code Main} parses it and routes {@code serve} to boot, which starts the service;
 * the other commands (migrate, token, verify, log-key, snapshots, backup, restore) open the database through boot.
 */
module io.hivematrix.archive.cli {
    requires io.hivematrix.archive.boot;
    requires io.hivematrix.archive.application;
    requires io.hivematrix.archive.adapter.postgres;
    requires io.hivematrix.archive.adapter.ledger;
    requires io.helidon.logging.common;
    requires info.picocli;

    // picocli reads the commands' options by reflection.
    opens io.hivematrix.archive.cli to info.picocli;
}
