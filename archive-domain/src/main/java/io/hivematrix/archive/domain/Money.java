package io.hivematrix.archive.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact amount of money in the bill's currency, kept to the cent.
 *
 * <p>A value with more than two significant decimals is rejected rather than rounded: an archive
 * must never silently change what it was given.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {
    public static final int SCALE = 2;
    /** Twelve integer digits: far beyond any bill, and what {@code NUMERIC(14,2)} holds. */
    private static final BigDecimal LIMIT = new BigDecimal("1000000000000");
    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        if (amount == null) {
            throw new IllegalArgumentException("amount is required");
        }
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw new IllegalArgumentException("amount must not have more than " + SCALE + " decimal places");
        }
        if (amount.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("amount is out of range");
        }
        amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    public static Money of(String text) {
        return new Money(new BigDecimal(text));
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
