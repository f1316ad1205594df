package io.hivematrix.archive.domain;

/** Length rules for the free-text fields of a bill. */
public final class Text {
    public static final int NAME = 255;
    public static final int SHORT = 100;
    public static final int DESCRIPTION = 2_000;
    public static final int NOTES = 10_000;

    private Text() {
    }

    /** Returns the value (possibly null) when it fits, or throws. */
    public static String optional(String value, int maxLength, String what) {
        if (value != null && value.codePointCount(0, value.length()) > maxLength) {
            throw new IllegalArgumentException(what + " must be at most " + maxLength + " characters");
        }
        if (value != null && value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must not contain NUL characters");
        }
        return value;
    }

    public static String required(String value, int maxLength, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return optional(value, maxLength, what);
    }
}
