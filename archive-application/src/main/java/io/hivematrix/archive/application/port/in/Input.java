package io.hivematrix.archive.application.port.in;

import java.util.Objects;

/**
 * One field of a request as the adapter read it: not sent, sent as a value of the right type, or sent but
 * unreadable (a string where a number belongs) — then with the field to name and why, so the use case reports it
 * beside every other problem of the request.
 */
public sealed interface Input<T> {

    /** The value sent, or absent for null. */
    static <T> Input<T> of(T value) {
        return value == null ? new Absent<>() : new Given<>(value);
    }

    static <T> Input<T> absent() {
        return new Absent<>();
    }

    /** @param field the name to report: the field itself, or the path inside it that could not be read */
    static <T> Input<T> unreadable(String field, String why) {
        return new Unreadable<>(field, why);
    }

    /** The value, or null when none was sent or it could not be read. */
    T orNull();

    /** Not in the request (or JSON null). */
    record Absent<T>() implements Input<T> {
        @Override
        public T orNull() {
            return null;
        }
    }

    /** Sent, as a value of the right type (whether it is valid is the use case's to decide). */
    record Given<T>(T value) implements Input<T> {
        public Given {
            Objects.requireNonNull(value, "a given value (null is absent)");
        }

        @Override
        public T orNull() {
            return value;
        }
    }

    /** Sent, but not as something the field can hold. */
    record Unreadable<T>(String field, String why) implements Input<T> {
        public Unreadable {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public T orNull() {
            return null;
        }
    }
}
