package io.hivematrix.archive.adapter.rest.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.json.Json;

/** The one way a route answers with JSON: the adapter's mapper, {@code application/json}. */
public final class JsonResponses {
    private JsonResponses() {
    }

    /** Sends {@code body} as JSON, with whatever status and headers the route has set on {@code res} before. */
    public static void send(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
