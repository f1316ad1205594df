package io.hivematrix.archive.application.port.in;

import java.util.Objects;

/** One rejected input field, named as the client sent it (e.g. {@code line_items[3].rate}). */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
