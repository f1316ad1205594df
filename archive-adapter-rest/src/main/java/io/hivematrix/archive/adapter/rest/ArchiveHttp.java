package io.hivematrix.archive.adapter.rest;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;

/**
 * Registers the archive's routes, at the root and again under {@code /archive} as behind the Nexus proxy, and the
 * web page at {@code /} and {@code /archive/}.
 */
public final class ArchiveHttp {
    /** The prefix the Nexus proxy adds in front of every route. */
    public static final String PROXY_PREFIX = "/archive";

    private ArchiveHttp() {
    }

    public static void routing(HttpRouting.Builder routing, ArchiveApi api) {
        HttpService[] services = {
            new HealthRoutes(api.healthChecks()),
            new SnapshotRoutes(api.createSnapshot(), api.findSnapshot(), api.snapshotWriters(), api.maxBodyBytes()),
            new SearchRoutes(api.searchSnapshots(), api.companyHistory(), api.exportSnapshots(), api.snapshotWriters()),
            new AuditRoutes(api.auditTrail(), api.sealInterval(), api.snapshotWriters()),
            new SchedulerRoutes(api.schedule(), api.jobs(), api.runs(), api.snapshotWriters()),
        };
        routing.addFilter(CorrelationId.filter())
                .addFilter(new Authentication(api.tokens()))
                .error(Exception.class, new UnexpectedErrors(api.unreachable()))
                .register(services)
                .register(PROXY_PREFIX, services)
                .register(new WebUiRoutes())
                .any(Problems.notFound());
    }
}
