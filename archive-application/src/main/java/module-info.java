/**
 * The archive's use cases and their ports. Ports are public; the services that implement the
 * in-ports are exported to boot alone, so an adapter can only ever reach a use case through its port.
 */
module io.hivematrix.archive.application {
    requires transitive io.hivematrix.archive.domain;

    exports io.hivematrix.archive.application.port.in;
    exports io.hivematrix.archive.application.port.out;
    exports io.hivematrix.archive.application.service to io.hivematrix.archive.boot;
}
