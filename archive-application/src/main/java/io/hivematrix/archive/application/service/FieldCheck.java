package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Collects every field problem of one request instead of stopping at the first: an unreadable input is reported
 * as the adapter found it, a missing required one as missing, and a readable one is run through the domain's
 * constructor, whose rejection becomes a {@link FieldError} under the field's name.
 */
final class FieldCheck {
    private final List<FieldError> errors = new ArrayList<>();

    /**
     * The value {@code build} makes of the input (of null when it is absent, so a default can apply), or null after
     * recording why there is none.
     */
    <R, T> T optional(String field, Input<R> input, Function<R, T> build) {
        if (input instanceof Input.Unreadable<R> unreadable) {
            reject(unreadable.field(), unreadable.why());
            return null;
        }
        return check(field, () -> build.apply(input.orNull()));
    }

    /** As {@link #optional}, but an absent input is an error of its own. */
    <R, T> T required(String field, Input<R> input, Function<R, T> build) {
        if (input instanceof Input.Absent<R>) {
            reject(field, "is required");
            return null;
        }
        return optional(field, input, build);
    }

    /** Returns the built value, or null after recording why the field is wrong. */
    <T> T check(String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            reject(field, e.getMessage() == null ? "is invalid" : e.getMessage());
            return null;
        }
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
