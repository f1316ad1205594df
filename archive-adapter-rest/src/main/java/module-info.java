/** Helidon 4 SE HTTP adapter: routes, JSON in and out, problem bodies; reaches the application only through its in-ports. */
module io.hivematrix.archive.adapter.rest {
    requires io.hivematrix.archive.application;
    requires io.hivematrix.archive.keyfiles; // the dev signing key's file is its owner's alone
    requires io.helidon.webserver;
    requires io.helidon.http;
    requires io.helidon.common;
    requires com.fasterxml.jackson.databind;
    requires com.nimbusds.jose.jwt;
    requires org.apache.commons.csv;
    requires com.github.benmanes.caffeine; // the response caches, weighed by bytes
    requires java.logging; // the buffered request log is a java.util.logging handler
    requires org.yaml.snakeyaml; // reads the OpenAPI document (src/main/resources/openapi)

    // What boot constructs: the routing and its settings, the listener's guards, the request log, the checks.
    exports io.hivematrix.archive.adapter.rest to io.hivematrix.archive.boot;
    exports io.hivematrix.archive.adapter.rest.listener to io.hivematrix.archive.boot;
    exports io.hivematrix.archive.adapter.rest.routes to io.hivematrix.archive.boot;
    exports io.hivematrix.archive.adapter.rest.security to io.hivematrix.archive.boot, io.hivematrix.archive.cli;
    // logging.properties names LogLineFormatter: java.util.logging creates it by reflection.
    exports io.hivematrix.archive.adapter.rest.observe to io.hivematrix.archive.boot, java.logging;
    // Jackson reads and writes the request/response records by reflection.
    opens io.hivematrix.archive.adapter.rest.routes to com.fasterxml.jackson.databind;
    opens io.hivematrix.archive.adapter.rest.observe to com.fasterxml.jackson.databind;
    opens io.hivematrix.archive.adapter.rest.security to com.fasterxml.jackson.databind;
    opens io.hivematrix.archive.adapter.rest.web to com.fasterxml.jackson.databind;
    opens io.hivematrix.archive.adapter.rest.json to com.fasterxml.jackson.databind;
}
