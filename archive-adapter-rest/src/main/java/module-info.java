/** Helidon 4 SE HTTP adapter: routes, JSON in and out, problem bodies; reaches the application only through its in-ports. */
module io.hivematrix.archive.adapter.rest {
    requires io.hivematrix.archive.application;
    requires io.helidon.webserver;
    requires io.helidon.http;
    requires io.helidon.common;
    requires com.fasterxml.jackson.databind;
    requires com.nimbusds.jose.jwt;
    requires org.apache.commons.csv;
    requires com.github.benmanes.caffeine; // the response caches, weighed by bytes
    requires java.logging; // the buffered request log is a java.util.logging handler
    requires org.yaml.snakeyaml; // reads the OpenAPI document (src/main/resources/openapi)

    // Also read by java.util.logging: logging.properties names LogLineFormatter, created by reflection.
    exports io.hivematrix.archive.adapter.rest;
    // Jackson reads and writes the request/response records by reflection.
    opens io.hivematrix.archive.adapter.rest to com.fasterxml.jackson.databind;
}
