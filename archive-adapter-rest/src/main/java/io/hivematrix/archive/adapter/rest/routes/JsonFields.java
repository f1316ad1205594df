package io.hivematrix.archive.adapter.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.adapter.rest.json.JsonBodyReader;
import io.hivematrix.archive.adapter.rest.problems.ProblemType;
import io.hivematrix.archive.adapter.rest.problems.Problems;
import io.hivematrix.archive.application.port.in.FieldError;
import java.io.IOException;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The small JSON objects the admin routes take (schedule, bulk run): the body read by {@link JsonBodyReader} and
 * parsed as one object, and its fields read one by one, each wrong one named in the list of errors.
 */
final class JsonFields {
    /** A schedule or a bulk request is a few hundred bytes; a megabyte is plenty. */
    static final int MAX_BODY = 1024 * 1024;

    private JsonFields() {
    }

    /** The body as a JSON object, or null once a 413 or 400 has been sent. */
    static JsonNode object(ServerRequest req, ServerResponse res) {
        try {
            JsonBodyReader.Outcome read = JsonBodyReader.read(req.content().inputStream(),
                    req.headers().contentLength().orElse(-1), MAX_BODY);
            if (read instanceof JsonBodyReader.TooLarge tooLarge) {
                Problems.tooLarge(req, res, tooLarge);
                return null;
            }
            JsonNode node = read instanceof JsonBodyReader.Text text && !text.json().isEmpty()
                    ? Json.read(text.json()) : null;
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // a body cut short or not JSON: answered below, as any other body that is not one JSON object
        }
        Problems.send(req, res, ProblemType.MALFORMED_BODY, "Request body must be a JSON object");
        return null;
    }

    /** A whole number that must be present and pass {@code check}; null, with an error naming it, otherwise. */
    static Integer required(JsonNode body, String name, IntUnaryOperator check, List<FieldError> errors) {
        int before = errors.size();
        Integer value = integer(body, name, errors);
        if (value == null) {
            if (errors.size() == before) {
                errors.add(new FieldError(name, "is required"));
            }
            return null;
        }
        try {
            return check.applyAsInt(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, e.getMessage()));
            return null;
        }
    }

    static Boolean bool(JsonNode body, String name, List<FieldError> errors) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            errors.add(new FieldError(name, "must be true or false"));
            return null;
        }
        return v.booleanValue();
    }

    static Integer integer(JsonNode body, String name, List<FieldError> errors) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            errors.add(new FieldError(name, "must be a whole number"));
            return null;
        }
        return v.intValue();
    }

    static String text(JsonNode body, String name, List<FieldError> errors) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.textValue().length() > 255) {
            errors.add(new FieldError(name, "must be a string of at most 255 characters"));
            return null;
        }
        return v.textValue();
    }
}
