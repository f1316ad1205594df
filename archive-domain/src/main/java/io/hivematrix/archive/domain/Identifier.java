package io.hivematrix.archive.domain;

import java.util.regex.Pattern;

/** Shared rule for the archive's external identifiers: 1–50 characters of {@code [A-Za-z0-9._-]}. */
final class Identifier {
    static final int MAX_LENGTH = 50;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,50}");

    private Identifier() {
    }

    static String require(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " may only contain letters, digits, '.', '_' and '-'");
        }
        return value;
    }
}
