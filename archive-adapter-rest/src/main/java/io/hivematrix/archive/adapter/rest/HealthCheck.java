package io.hivematrix.archive.adapter.rest;

/** One named dependency that {@code /health} asks whether it is up (the database, for one). */
public interface HealthCheck {
    String name();

    boolean isUp();

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
