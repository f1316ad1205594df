/** Boot: reads config once, opens the database, wires adapters to use cases and starts them; the CLI drives it. */
module io.hivematrix.archive.boot {
    requires io.hivematrix.archive.application;
    requires io.hivematrix.archive.adapter.rest;
    requires io.hivematrix.archive.adapter.postgres;
    requires io.hivematrix.archive.adapter.ledger;
    requires io.hivematrix.archive.adapter.quartz;
    requires io.hivematrix.archive.adapter.metrics;
    requires io.hivematrix.archive.embedded;
    requires io.hivematrix.archive.keyfiles; // the log's signing key
    requires io.helidon.webserver;
    requires java.net.http;
    requires java.sql; // the pool's DataSource, handed to Quartz
    requires java.management; // the heap and collector readings of IdleHeapCompactor
    requires io.helidon.config;
    requires com.nimbusds.jose.jwt;

    // The command line starts the service and opens the database through boot; nothing else reaches into it.
    exports io.hivematrix.archive.boot to io.hivematrix.archive.cli;
}
