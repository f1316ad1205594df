package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.BillField;
import io.hivematrix.archive.domain.BillFields;
import java.util.Objects;

/**
 * The bill fields of a create request, each as the adapter read it, under its {@link BillField} (a typesafe
 * heterogeneous container: the field's key types its {@link Input}). A field nobody put is absent.
 */
public final class BillInputs {
    private final Input<?>[] inputs;

    private BillInputs(Input<?>[] inputs) {
        this.inputs = inputs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The field as read; absent if it was not. */
    @SuppressWarnings("unchecked") // put accepts only an Input<R> under a BillField<R, ?>
    public <R> Input<R> get(BillField<R, ?> field) {
        Input<?> input = inputs[field.index()];
        return input == null ? Input.absent() : (Input<R>) input;
    }

    /** Collects the fields of one request. */
    public static final class Builder {
        private final Input<?>[] inputs = new Input<?>[BillFields.ALL.size()];

        public <R> Builder put(BillField<R, ?> field, Input<R> input) {
            inputs[field.index()] = Objects.requireNonNull(input, "input");
            return this;
        }

        public BillInputs build() {
            return new BillInputs(inputs.clone());
        }
    }
}
