package io.hivematrix.archive.adapter.rest.routes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import io.hivematrix.archive.domain.Snapshot;
import java.io.IOException;

/**
 * A bill's fields of {@link io.hivematrix.archive.domain.BillFields} in {@link SnapshotView}, which unwraps them in
 * its place: written by {@link BillFieldsJson}, each under its own name, in the table's order.
 */
@JsonSerialize(using = BillFieldsView.Writer.class)
record BillFieldsView(Snapshot bill) {

    /** As an object of its own; {@link SnapshotView} asks for {@link #unwrappingSerializer} instead. */
    static final class Writer extends StdSerializer<BillFieldsView> {
        Writer() {
            super(BillFieldsView.class);
        }

        @Override
        public void serialize(BillFieldsView view, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject(view);
            BillFieldsJson.write(view.bill(), out);
            out.writeEndObject();
        }

        @Override
        public JsonSerializer<BillFieldsView> unwrappingSerializer(NameTransformer unwrapper) {
            return new Unwrapped();
        }
    }

    /** The properties alone, into the enclosing object (the table's names are the wire's: no renaming). */
    static final class Unwrapped extends StdSerializer<BillFieldsView> {
        Unwrapped() {
            super(BillFieldsView.class);
        }

        @Override
        public boolean isUnwrappingSerializer() {
            return true;
        }

        @Override
        public void serialize(BillFieldsView view, JsonGenerator out, SerializerProvider provider) throws IOException {
            BillFieldsJson.write(view.bill(), out);
        }
    }
}
