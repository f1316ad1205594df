package io.hivematrix.archive.adapter.rest.routes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import io.hivematrix.archive.application.port.in.BillInputs;
import io.hivematrix.archive.application.port.in.Input;
import io.hivematrix.archive.domain.BillField;
import io.hivematrix.archive.domain.BillFields;
import io.hivematrix.archive.domain.FieldKind;
import io.hivematrix.archive.domain.Money;
import io.hivematrix.archive.domain.Snapshot;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The bill's fields ({@link BillFields}) in JSON: each is read from and written under its own name, by one reader
 * and one writer per {@link FieldKind}. The per-field steps are made once, here, so a request walks a list of
 * lambdas and never looks a field up.
 */
final class BillFieldsJson {
    /** Reads one kind from a body: what {@link SnapshotRequest} makes of a JSON value of that field. */
    private interface KindReader<R> {
        Input<R> read(JsonNode body, String name);
    }

    /** Writes one kind's domain value (null as JSON null). */
    private interface KindWriter<T> {
        void write(JsonGenerator out, T value) throws IOException;
    }

    private interface FieldReader {
        void read(JsonNode body, BillInputs.Builder into);
    }

    private interface FieldWriter {
        void write(Snapshot bill, JsonGenerator out) throws IOException;
    }

    private static final List<FieldReader> READERS = BillFields.ALL.stream().map(BillFieldsJson::reader).toList();
    private static final List<FieldWriter> WRITERS = BillFields.ALL.stream().map(BillFieldsJson::writer).toList();

    private BillFieldsJson() {
    }

    /** Every bill field of a body, as read. */
    static BillInputs read(JsonNode body) {
        BillInputs.Builder inputs = BillInputs.builder();
        for (FieldReader reader : READERS) {
            reader.read(body, inputs);
        }
        return inputs.build();
    }

    /** Every bill field of a bill as JSON properties, in table order, into an object being written. */
    static void write(Snapshot bill, JsonGenerator out) throws IOException {
        for (FieldWriter writer : WRITERS) {
            writer.write(bill, out);
        }
    }

    private static <R> FieldReader reader(BillField<R, ?> field) {
        KindReader<R> kind = kindReader(field.kind());
        String name = field.name();
        return (body, into) -> into.put(field, kind.read(body, name));
    }

    private static <T> FieldWriter writer(BillField<?, T> field) {
        KindWriter<T> kind = kindWriter(field.kind());
        SerializedString name = new SerializedString(field.name());
        return (bill, out) -> {
            out.writeFieldName(name);
            T value = field.of(bill);
            if (value == null) {
                out.writeNull();
            } else {
                kind.write(out, value);
            }
        };
    }

    @SuppressWarnings("unchecked") // each tag's kind reads its own raw type: FieldKind pairs them
    private static <R> KindReader<R> kindReader(FieldKind<R, ?> kind) {
        KindReader<?> reader = switch (kind.tag()) {
            case TEXT -> (KindReader<String>) SnapshotRequest::text;
            case MONEY, DECIMAL -> (KindReader<BigDecimal>) SnapshotRequest::decimal;
            case COUNT -> (KindReader<Integer>) SnapshotRequest::integer;
        };
        return (KindReader<R>) reader;
    }

    @SuppressWarnings("unchecked") // each tag's kind keeps its own value type: FieldKind pairs them
    private static <T> KindWriter<T> kindWriter(FieldKind<?, T> kind) {
        KindWriter<?> writer = switch (kind.tag()) {
            case TEXT -> (KindWriter<String>) JsonGenerator::writeString;
            case MONEY -> (KindWriter<Money>) (out, money) -> out.writeNumber(money.amount());
            case COUNT -> (KindWriter<Integer>) (out, count) -> out.writeNumber(count.intValue());
            case DECIMAL -> (KindWriter<BigDecimal>) JsonGenerator::writeNumber;
        };
        return (KindWriter<T>) writer;
    }
}
