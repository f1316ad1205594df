package io.hivematrix.archive.adapter.rest.observe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a set of health checks within one deadline, so {@code /health} and readiness answer promptly even while the
 * database hangs: the checks run at once, each on a virtual thread, and one that has not answered by the deadline
 * counts as DOWN. At most one probe of each check runs at a time: while one hangs, later requests wait on that same
 * probe instead of starting another, so a hung server cannot collect a thread (and a pooled connection) per request.
 */
public final class HealthProbes {
    /** Balancers probe with timeouts of a second or two; an answer within this leaves them room. */
    static final Duration DEFAULT_DEADLINE = Duration.ofMillis(800);

    private final List<Probe> probes;
    private final Duration deadline;

    HealthProbes(List<HealthCheck> checks, Duration deadline) {
        this.probes = checks.stream().map(Probe::new).toList();
        this.deadline = deadline;
    }

    /** What each check answered, in the order given, within the deadline. */
    List<Named> readAll() {
        long until = System.nanoTime() + deadline.toNanos();
        List<CompletableFuture<HealthCheck.Reading>> running = probes.stream().map(Probe::start).toList();
        List<Named> readings = new ArrayList<>(probes.size());
        for (int i = 0; i < probes.size(); i++) {
            readings.add(new Named(probes.get(i).check.name(), await(running.get(i), until)));
        }
        return readings;
    }

    private HealthCheck.Reading await(CompletableFuture<HealthCheck.Reading> reading, long until) {
        try {
            return reading.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new HealthCheck.Reading(false, Map.of("error", "no answer within " + deadline.toMillis() + " ms"));
        } catch (ExecutionException e) {
            return new HealthCheck.Reading(false, Map.of("error", "the check failed; see the service's log"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HealthCheck.Reading(false, Map.of("error", "interrupted"));
        }
    }

    /** A check's name and its reading. */
    record Named(String name, HealthCheck.Reading reading) {
    }

    /** One check and the probe of it in flight, if any. */
    private static final class Probe {
        private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("archive-health-probe").start(task);

        private final HealthCheck check;
        private final AtomicReference<CompletableFuture<HealthCheck.Reading>> inFlight = new AtomicReference<>();

        Probe(HealthCheck check) {
            this.check = check;
        }

        /** The probe still running, or a new one when the last has answered. */
        CompletableFuture<HealthCheck.Reading> start() {
            while (true) {
                CompletableFuture<HealthCheck.Reading> current = inFlight.get();
                if (current != null && !current.isDone()) {
                    return current;
                }
                CompletableFuture<HealthCheck.Reading> next = new CompletableFuture<>();
                if (inFlight.compareAndSet(current, next)) {
                    VIRTUAL.execute(() -> {
                        try {
                            next.complete(check.read());
                        } catch (Throwable t) {
                            System.getLogger(HealthProbes.class.getName()).log(System.Logger.Level.WARNING,
                                    "health check " + check.name() + " failed", t);
                            next.complete(new HealthCheck.Reading(false,
                                    Map.of("error", "the check failed; see the service's log")));
                        }
                    });
                    return next;
                }
            }
        }
    }
}
