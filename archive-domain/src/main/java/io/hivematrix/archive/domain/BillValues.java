package io.hivematrix.archive.domain;

/**
 * One bill's checked field values, each under its {@link BillField} (a typesafe heterogeneous container): what
 * {@link Terms#of}, {@link Charges#of} and {@link Usage#of} are built from, whoever read the values.
 */
public final class BillValues {
    private final Object[] values = new Object[BillFields.ALL.size()];

    public <T> BillValues put(BillField<?, T> field, T value) {
        values[field.index()] = field.kind().valueType().cast(value);
        return this;
    }

    /** The value put under the field, or null. */
    public <T> T get(BillField<?, T> field) {
        return field.kind().valueType().cast(values[field.index()]);
    }

}
