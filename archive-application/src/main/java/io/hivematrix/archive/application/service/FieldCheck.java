package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Collects every field problem of one request instead of stopping at the first, by running each
 * domain constructor and turning its rejection into a {@link FieldError} under the field's name.
 */
final class FieldCheck {
    private final List<FieldError> errors = new ArrayList<>();
    private final Map<String, String> alreadyRejected;
    /**
     * The fields the adapter rejected, whole or in part: a rejected part (billing_data_json[3].amount) rejects its
     * field too, which is then neither checked again nor reported missing.
     */
    private final Set<String> rejectedFields = new HashSet<>();

    FieldCheck(Map<String, String> alreadyRejected) {
        this.alreadyRejected = alreadyRejected;
        alreadyRejected.forEach((field, message) -> {
            errors.add(new FieldError(field, message));
            rejectedFields.add(field);
            rejectedFields.add(topLevel(field));
        });
    }

    /** Returns the built value, or null after recording why the field is wrong. */
    <T> T check(String field, Supplier<T> build) {
        if (rejectedFields.contains(field)) {
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
        if (raw == null && !rejectedFields.contains(field)) {
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

    private static String topLevel(String field) {
        for (int i = 0; i < field.length(); i++) {
            if (field.charAt(i) == '.' || field.charAt(i) == '[') {
                return field.substring(0, i);
            }
        }
        return field;
    }
}
