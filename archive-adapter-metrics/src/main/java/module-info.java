/** Metrics adapter: counts and times the use cases and out-ports it decorates, in Micrometer, shown as Prometheus text. */
module io.hivematrix.archive.adapter.metrics {
    requires io.hivematrix.archive.application;
    requires io.hivematrix.archive.domain;
    requires micrometer.core;
    requires micrometer.registry.prometheus;

    exports io.hivematrix.archive.adapter.metrics;
}
