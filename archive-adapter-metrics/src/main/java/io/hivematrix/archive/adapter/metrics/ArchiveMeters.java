package io.hivematrix.archive.adapter.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/** The process's one meter registry: HTTP requests by route and status, gauges the boot wires in, JVM meters. */
public final class ArchiveMeters implements AutoCloseable {
    /** Latency buckets for requests and Ledger calls: sub-millisecond reads to 30 s Ledger timeouts. */
    private static final Duration[] SLOS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();

    public ArchiveMeters() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** One finished HTTP request; {@code route} is the matched pattern, so the label set stays small. */
    public void request(String method, String route, int status, long nanos) {
        // Looked up in a map of our own: building the meter's id and asking the registry costs more per request.
        requestTimers.computeIfAbsent(new RequestKey(method, route, status), key -> Timer.builder("archive.http.requests")
                .description("HTTP requests by method, route pattern and status")
                .tags(Tags.of("method", key.method(), "route", key.route(), "status", Integer.toString(key.status())))
                .serviceLevelObjectives(SLOS)
                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The labels of one request timer. */
    private record RequestKey(String method, String route, int status) {
    }

    /** A value read at each scrape (pool usage, seal lag), never stored. */
    public void gauge(String name, String description, String baseUnit, DoubleSupplier value) {
        Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(description).baseUnit(baseUnit).strongReference(true).register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    Duration[] latencyBuckets() {
        return SLOS.clone();
    }

    /** Every meter, in Prometheus' text exposition format 0.0.4 (what the REST adapter declares it serves). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
