package io.hivematrix.archive.adapter.rest;

/** One named dependency that {@code /health} and readiness ask whether it is up (the database, for one). */
public interface HealthCheck {
    String name();

    boolean isUp();

    /** What the check saw (e.g. seal lag in seconds), shown beside its status; nothing by default. */
    default java.util.Map<String, Object> details() {
        return java.util.Map.of();
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
