package io.hivematrix.archive.adapter.rest;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.hivematrix.archive.adapter.rest.http.ProxyPrefix;
import io.hivematrix.archive.adapter.rest.observe.CorrelationId;
import io.hivematrix.archive.adapter.rest.observe.HealthRoutes;
import io.hivematrix.archive.adapter.rest.observe.Observability;
import io.hivematrix.archive.adapter.rest.observe.ObserveRoutes;
import io.hivematrix.archive.adapter.rest.observe.RequestLog;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.adapter.rest.problems.UnexpectedErrors;
import io.hivematrix.archive.adapter.rest.routes.AuditRoutes;
import io.hivematrix.archive.adapter.rest.routes.ComparisonRoutes;
import io.hivematrix.archive.adapter.rest.routes.JobRoutes;
import io.hivematrix.archive.adapter.rest.routes.LogRoutes;
import io.hivematrix.archive.adapter.rest.routes.ReportRoutes;
import io.hivematrix.archive.adapter.rest.routes.ScheduleRoutes;
import io.hivematrix.archive.adapter.rest.routes.SearchRoutes;
import io.hivematrix.archive.adapter.rest.routes.SnapshotRoutes;
import io.hivematrix.archive.adapter.rest.security.Authentication;
import io.hivematrix.archive.adapter.rest.security.CrossSiteGuard;
import io.hivematrix.archive.adapter.rest.security.JsonBodyGuard;
import io.hivematrix.archive.adapter.rest.web.OpenApiRoutes;
import io.hivematrix.archive.adapter.rest.web.WebUiRoutes;
import java.util.Set;

/**
 * Registers the archive's routes, at the root and again under {@code /archive} as behind the Nexus proxy, and the
 * web page at {@code /} and {@code /archive/}.
 */
public final class ArchiveHttp {

    private ArchiveHttp() {
    }

    public static void routing(HttpRouting.Builder routing, ArchiveApi api) {
        routing(routing, api, Observability.basic(api.healthChecks()));
    }

    /** Every route, filter and error handler of the service; writes only from this service's own origin. */
    public static void routing(HttpRouting.Builder routing, ArchiveApi api, Observability observability) {
        routing(routing, api, observability, Set.of());
    }

    /**
     * Every route, filter and error handler of the service, reporting to the given observability.
     *
     * @param allowedOrigins browser origins besides the service's own that may send writes
     *                       ({@code ARCHIVE_ALLOWED_ORIGINS}, e.g. the Nexus proxy's)
     */
    public static void routing(HttpRouting.Builder routing, ArchiveApi api, Observability observability,
                               Set<String> allowedOrigins) {
        HttpService[] services = {
            new HealthRoutes(api.healthChecks()),
            new ObserveRoutes(observability),
            new SnapshotRoutes(api.createSnapshot(), api.readSnapshots(), api.snapshotWriters(), api.maxBodyBytes()),
            new ComparisonRoutes(api.compareBills(), api.snapshotWriters()),
            new SearchRoutes(api.searchSnapshots(), api.readSnapshots(), api.exportLimits(), api.snapshotWriters()),
            new ReportRoutes(api.monthlyReport(), api.snapshotWriters()),
            new AuditRoutes(api.auditTrail(), api.sealInterval(), api.snapshotWriters()),
            new LogRoutes(api.proveLog(), api.snapshotWriters()),
            new ScheduleRoutes(api.schedule(), api.snapshotWriters()),
            new JobRoutes(api.jobs(), api.runs(), api.snapshotWriters()),
            new OpenApiRoutes(),
        };
        routing.addFilter(CorrelationId.filter())
                // Outside authentication, so rejected requests are logged and counted too.
                .addFilter(new RequestLog(observability.requests(), observability.logRequests()))
                // Before authentication: a cross-site write is refused whoever's token the proxy added.
                .addFilter(new CrossSiteGuard(allowedOrigins))
                .addFilter(new Authentication(api.tokens()))
                // After authentication, so a caller without a token hears 401 first, as from the original.
                .addFilter(new JsonBodyGuard())
                .error(Exception.class, new UnexpectedErrors(api.unreachable()))
                .register(services)
                .register(ProxyPrefix.PATH, services)
                .register(new WebUiRoutes())
                .any(Problems.notFound());
    }
}
