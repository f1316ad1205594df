package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Collects every field problem of one request instead of stopping at the first, by running each
 * domain constructor and turning its rejection into a {@link FieldError} under the field's name.
 */
final class FieldCheck {
    private final List<FieldError> errors = new ArrayList<>();
    private final Map<String, String> alreadyRejected;

    FieldCheck(Map<String, String> alreadyRejected) {
        this.alreadyRejected = alreadyRejected;
        alreadyRejected.forEach((field, message) -> errors.add(new FieldError(field, message)));
    }

    /** Returns the built value, or null after recording why the field is wrong. */
    <T> T check(String field, Supplier<T> build) {
        if (alreadyRejected.containsKey(field)) {
            return null;
        }
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new FieldError(field, e.getMessage() == null ? "is invalid" : e.getMessage()));
            return null;
        }
    }

    <T> T required(String field, Object raw, Supplier<T> build) {
        if (raw == null && !alreadyRejected.containsKey(field)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return check(field, build);
    }

    boolean isRejected(String field) {
        return alreadyRejected.containsKey(field);
    }

    void reject(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    boolean ok() {
        return errors.isEmpty();
    }

    List<FieldError> errors() {
        return errors;
    }
}
