package io.hivematrix.archive.adapter.rest.observe;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A health check for tests: its name, whether it is up and what it shows, each read when the probe asks. */
record FixedCheck(String name, BooleanSupplier up, Supplier<Map<String, Object>> shown) implements HealthCheck {
    @Override
    public boolean isUp() {
        return up.getAsBoolean();
    }

    @Override
    public Map<String, Object> details() {
        return shown.get();
    }
}
