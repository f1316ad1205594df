/**
 * The operator's command line: {@code Main} parses it and routes {@code serve} to boot, which starts the service;
 * the other commands (migrate, token, verify, log-key, snapshots, backup, restore) open the database through boot.
 */
module io.hivematrix.archive.cli {
    requires io.hivematrix.archive.boot;
    requires io.hivematrix.archive.application;
    requires io.hivematrix.archive.adapter.postgres;
    requires io.hivematrix.archive.adapter.ledger;
    requires io.hivematrix.archive.adapter.rest; // DevSigningKey, for `token`
    requires io.hivematrix.archive.keyfiles; // LogKeyFile, for `log-key` and `verify`
    requires io.helidon.logging.common;
    requires info.picocli;

    requires java.logging;

    // picocli reads the commands' options by reflection.
    opens io.hivematrix.archive.cli to info.picocli;
    // The launchers name ShutdownLogManager (-Djava.util.logging.manager); java.util.logging creates it by reflection.
    exports io.hivematrix.archive.cli to java.logging;
}
