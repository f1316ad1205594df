package io.hivematrix.archive.adapter.rest.observe;

import java.util.Map;

/** One named dependency that {@code /health} and readiness ask whether it is up (the database, for one). */
public interface HealthCheck {
    String name();

    boolean isUp();

    /** What the check saw (e.g. seal lag in seconds), shown beside its status; nothing by default. */
    default Map<String, Object> details() {
        return Map.of();
    }

    /**
     * Status and details read together; a check that throws is DOWN. The exception is logged, not shown: health
     * answers anyone, and a driver's message can name hosts, ports or users.
     */
    default Reading read() {
        try {
            return new Reading(isUp(), details());
        } catch (RuntimeException e) {
            System.getLogger(HealthCheck.class.getName()).log(System.Logger.Level.WARNING,
                    "health check " + name() + " failed", e);
            return new Reading(false, Map.of("error", "the check failed; see the service's log"));
        }
    }

    /** What one check answered. */
    record Reading(boolean up, Map<String, Object> details) {
        public Reading {
            details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details)); // keeps order
        }
    }

    /** A check whose status and details come from one reading, so the two always agree. */
    static HealthCheck reading(String name, java.util.function.Supplier<Reading> probe) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isUp() {
                return probe.get().up();
            }

            @Override
            public Map<String, Object> details() {
                return probe.get().details();
            }

            @Override
            public Reading read() {
                try {
                    return probe.get();
                } catch (RuntimeException e) {
                    return HealthCheck.super.read(); // the same failure, logged and hidden as any check's
                }
            }
        };
    }

    static HealthCheck of(String name, java.util.function.BooleanSupplier probe) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isUp() {
                return probe.getAsBoolean();
            }
        };
    }
}
