package io.hivematrix.archive.adapter.rest.routes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivematrix.archive.adapter.rest.json.CanonicalJson;
import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.domain.Snapshot;
import java.io.IOException;
import java.util.Optional;

/**
 * A snapshot body read in one streaming pass, so that what it holds in memory stays near its own size: the breakdown
 * ({@code billing_data_json}, most of a large bill) is written out canonically as it is read and never becomes a tree,
 * and {@code line_items} stops being kept once there are more than any bill may have. Every other field is small and is
 * kept as a tree for {@link SnapshotRequest} to check.
 *
 * @param fields           the top-level fields but the breakdown; {@code line_items} holds at most the maximum
 * @param breakdown        the breakdown written out, refused, or null when absent or null
 * @param tooManyLineItems whether {@code line_items} was an array of more than {@link Snapshot#MAX_LINE_ITEMS}
 */
public record SnapshotBody(ObjectNode fields, CanonicalJson.Outcome breakdown, boolean tooManyLineItems) {
    static final String BREAKDOWN = "billing_data_json";
    static final String LINE_ITEMS = "line_items";
    /**
     * The canonical breakdown may be at most this many times as long as the whole body it came in. It is never longer
     * than the breakdown as sent but for numbers in exponent notation, which plain digits spell out (up to
     * {@link Json#MAX_NUMBER_DIGITS}); so a bill meets this with room to spare, and no body can make the server
     * build (and store) more than twice its own size.
     */
    static final int MAX_CANONICAL_PER_BODY_CHAR = 2;

    /**
     * Reads a body (text already decoded); empty when it is JSON but not an object. Throws what the parser throws
     * for text that is not JSON, and {@link JsonBudget.TooDense} for a body over its budget.
     */
    public static Optional<SnapshotBody> read(String body) throws IOException {
        long maxBreakdownChars = (long) MAX_CANONICAL_PER_BODY_CHAR * body.length();
        try (JsonParser parser = Json.checkedParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            ObjectNode fields = Json.MAPPER.createObjectNode();
            CanonicalJson.Outcome breakdown = null;
            boolean tooManyLineItems = false;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(BREAKDOWN) && value != JsonToken.VALUE_NULL) {
                    breakdown = CanonicalJson.read(parser, BREAKDOWN, maxBreakdownChars);
                } else if (name.equals(LINE_ITEMS) && value == JsonToken.START_ARRAY) {
                    ArrayNode items = fields.putArray(LINE_ITEMS);
                    tooManyLineItems = readLineItems(parser, items);
                } else {
                    fields.set(name, Json.readValue(parser));
                }
            }
            if (parser.nextToken() != null) {
                throw new IOException("unexpected content after the JSON value");
            }
            return Optional.of(new SnapshotBody(fields, breakdown, tooManyLineItems));
        }
    }

    /** Reads the items into {@code items} up to the maximum, and skips the rest; whether there were more. */
    private static boolean readLineItems(JsonParser parser, ArrayNode items) throws IOException {
        boolean tooMany = false;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (items.size() < Snapshot.MAX_LINE_ITEMS) {
                items.add(Json.readValue(parser));
            } else {
                // Counted, not kept: an error for each of millions of items made a 400 far larger than the body.
                tooMany = true;
                parser.skipChildren();
            }
        }
        if (tooMany) {
            items.removeAll();
        }
        return tooMany;
    }
}
