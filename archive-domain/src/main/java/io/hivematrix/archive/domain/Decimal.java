package io.hivematrix.archive.domain;

import java.math.BigDecimal;

/** Rules for the non-money decimals of a bill (quantities, rates, hours): exact, at most six decimals. */
public final class Decimal {
    public static final int MAX_SCALE = 6;
    private static final BigDecimal LIMIT = new BigDecimal("1000000000000");

    private Decimal() {
    }

    /** Returns the value with trailing zeros removed, or throws when it is too fine or too large. */
    public static BigDecimal require(BigDecimal value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > MAX_SCALE) {
            throw new IllegalArgumentException(what + " must not have more than " + MAX_SCALE + " decimal places");
        }
        if (value.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException(what + " is out of range");
        }
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static BigDecimal requireNonNegative(BigDecimal value, String what) {
        BigDecimal checked = require(value, what);
        if (checked.signum() < 0) {
            throw new IllegalArgumentException(what + " must not be negative");
        }
        return checked;
    }
}
