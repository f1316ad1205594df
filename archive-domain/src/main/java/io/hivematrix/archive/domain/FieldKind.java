package io.hivematrix.archive.domain;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * What kind of value a bill field holds: the Java type it arrives as ({@code R}, what a reader of a body makes of it),
 * the domain type it becomes ({@code T}), the rule that checks it, the value an absent one defaults to, and how the
 * record fingerprint writes it. Adapters translate a field by its {@link #tag()}, one small translator per kind.
 *
 * @param <R> the type a field of this kind is read as
 * @param <T> the type the domain keeps
 */
public final class FieldKind<R, T> {
    /** The kinds there are; adapters switch over these, so a new kind is a change to each adapter's translator. */
    public enum Tag { TEXT, MONEY, COUNT, DECIMAL }

    /** A short free text (a plan's or a term's name): at most {@link Text#SHORT} characters. */
    public static final FieldKind<String, String> TEXT = new FieldKind<>(Tag.TEXT, String.class, String.class, null,
            (text, label) -> Text.optional(text, Text.SHORT, label), Function.identity());
    /** Exact money to the cent; absent is zero. */
    public static final FieldKind<BigDecimal, Money> MONEY = new FieldKind<>(Tag.MONEY, BigDecimal.class, Money.class,
            BigDecimal.ZERO, (amount, label) -> new Money(amount), Money::toString);
    /** A count of things, never negative; absent is zero. */
    public static final FieldKind<Integer, Integer> COUNT = new FieldKind<>(Tag.COUNT, Integer.class, Integer.class, 0,
            Snapshot::requireCount, count -> Integer.toString(count));
    /** A non-negative decimal of at most {@link Decimal#MAX_SCALE} places (hours); absent is zero. */
    public static final FieldKind<BigDecimal, BigDecimal> DECIMAL = new FieldKind<>(Tag.DECIMAL, BigDecimal.class,
            BigDecimal.class, BigDecimal.ZERO, Decimal::requireNonNegative, BigDecimal::toPlainString);

    /** Checks a value read for a field named {@code label}, throwing {@link IllegalArgumentException} with why. */
    interface Rule<R, T> {
        T check(R value, String label);
    }

    private final Tag tag;
    private final Class<R> rawType;
    private final Class<T> valueType;
    private final R absent;
    private final Rule<R, T> rule;
    private final Function<T, String> canonical;

    private FieldKind(Tag tag, Class<R> rawType, Class<T> valueType, R absent, Rule<R, T> rule,
                      Function<T, String> canonical) {
        this.tag = tag;
        this.rawType = rawType;
        this.valueType = valueType;
        this.absent = absent;
        this.rule = rule;
        this.canonical = canonical;
    }

    public Tag tag() {
        return tag;
    }

    /** The type a field of this kind is read as. */
    public Class<R> rawType() {
        return rawType;
    }

    /** The type the domain keeps. */
    public Class<T> valueType() {
        return valueType;
    }

    /** What an absent value of a defaulted field counts as (null for text, which has no default). */
    R absent() {
        return absent;
    }

    T check(R value, String label) {
        return rule.check(value, label);
    }

    /** The value as the record fingerprint writes it; null stays null. */
    String canonical(T value) {
        return value == null ? null : canonical.apply(value);
    }
}
