/** Boot: the only module that sees everything; reads config once, opens the database, wires adapters to use cases. */
module io.hivematrix.archive.boot {
    requires io.hivematrix.archive.application;
    requires io.hivematrix.archive.adapter.rest;
    requires io.hivematrix.archive.adapter.postgres;
    requires io.hivematrix.archive.adapter.ledger;
    requires io.hivematrix.archive.adapter.quartz;
    requires io.hivematrix.archive.adapter.metrics;
    requires io.hivematrix.archive.embedded;
    requires io.helidon.webserver;
    requires java.net.http;
    requires java.sql; // the pool's DataSource, handed to Quartz
    requires java.logging;
    requires io.helidon.config;
    requires io.helidon.logging.common;
    requires info.picocli;
    requires com.nimbusds.jose.jwt;

    opens io.hivematrix.archive.boot to info.picocli;
    // The launchers name ShutdownLogManager (-Djava.util.logging.manager); java.util.logging creates it by reflection.
    exports io.hivematrix.archive.boot to java.logging;
}
