package io.hivematrix.archive.domain;

import java.util.Objects;
import java.util.function.Function;

/**
 * One scalar field of a bill, as {@link BillFields} lists it: its name (the snake_case name of the JSON body, of
 * the column and of the record fingerprint alike), its {@link FieldKind}, whether it may be absent, where the bill
 * keeps it, and the fingerprint version that first carried it. A typed key: {@link BillValues} and the create
 * command hold one value per field under it.
 *
 * @param <R> the type the field is read as
 * @param <T> the type the domain keeps
 */
public final class BillField<R, T> {
    /** What an absent field means. */
    public enum Presence {
        /** Absent is an error. */
        REQUIRED,
        /** Absent is the kind's default (zero). */
        DEFAULTED,
        /** Absent is null, and stays so. */
        OPTIONAL
    }

    private final int index;
    private final String name;
    private final String label;
    private final FieldKind<R, T> kind;
    private final Presence presence;
    private final Function<Snapshot, T> value;
    private final int version;

    BillField(int index, String name, FieldKind<R, T> kind, Presence presence, Function<Snapshot, T> value,
              int version) {
        this.index = index;
        this.name = Objects.requireNonNull(name, "name");
        this.label = name.replace('_', ' ');
        this.kind = Objects.requireNonNull(kind, "kind");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.value = Objects.requireNonNull(value, "value");
        if (version < 1 || version == ContentHash.SUBMITTER_VERSION) {
            throw new IllegalArgumentException(name + ": fingerprint version " + version + " is not a field's");
        }
        // A bill archived before the field existed lacks it; only if absent stays null does it still hash as sealed.
        if (version > 1 && presence != Presence.OPTIONAL) {
            throw new IllegalArgumentException(name + ": a field added after v1 must be OPTIONAL");
        }
        this.version = version;
    }

    /** Its place in {@link BillFields#ALL}: containers of one value per field index arrays by it. */
    public int index() {
        return index;
    }

    /** The snake_case name: of the body's key, the column and the fingerprint's entry. */
    public String name() {
        return name;
    }

    public FieldKind<R, T> kind() {
        return kind;
    }

    public Presence presence() {
        return presence;
    }

    /** The value this bill holds for the field (null only for an {@link Presence#OPTIONAL} one). */
    public T of(Snapshot snapshot) {
        return value.apply(snapshot);
    }

    /**
     * The domain value of what was read (null when absent): a default applied, then the kind's rule, which throws
     * {@link IllegalArgumentException} naming the field in words. An absent required field is the caller's to refuse.
     */
    public T check(R read) {
        if (read == null && presence == Presence.OPTIONAL) {
            return null;
        }
        return kind.check(read == null && presence == Presence.DEFAULTED ? kind.absent() : read, label);
    }

    /** 1 if the field is in the fingerprint's fixed part; else the version written when a bill carries it. */
    int version() {
        return version;
    }

    /** The value as the fingerprint writes it, or null. */
    String canonical(Snapshot snapshot) {
        return kind.canonical(value.apply(snapshot));
    }

    @Override
    public String toString() {
        return name;
    }
}
