package io.hivematrix.archive.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivematrix.archive.adapter.rest.web.OpenApiDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The OpenAPI document as the tests read it: a Jackson tree, its operations, the routes it promises, its $refs. */
public final class OpenApiSpec {
    /** The operation keys of an OpenAPI path item. */
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One operation, with the absolute paths it is served at (its template under each server that applies). */
    public record Operation(String method, String path, JsonNode pathItem, JsonNode node, List<String> absolutePaths) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    /** The field names a body of a schema has, and those it must have. */
    public record Shape(Set<String> properties, Set<String> required) {
    }

    public final JsonNode root;

    private OpenApiSpec(JsonNode root) {
        this.root = root;
    }

    /** Parses the resource the service serves, with the service's own parser. */
    public static OpenApiSpec load() {
        try (InputStream in = OpenApiSpec.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new OpenApiSpec(new ObjectMapper().valueToTree(OpenApiDocument.parse(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode node = path.getValue().get(method);
                if (node != null) {
                    operations.add(new Operation(method, path.getKey(), path.getValue(), node,
                            absolutePaths(path.getKey(), servers(node, path.getValue()))));
                }
            }
        }
        return operations;
    }

    /** Every route the document promises, as {@link RecordedRoutes} names the registered ones. */
    public Set<RecordedRoutes.Route> routes() {
        Set<RecordedRoutes.Route> routes = new LinkedHashSet<>();
        for (Operation operation : operations()) {
            for (String path : operation.absolutePaths()) {
                routes.add(new RecordedRoutes.Route(operation.method().toUpperCase(), path));
            }
        }
        return routes;
    }

    /** Follows {@code $ref}s (local ones only: the document is self-contained) to the node they name. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 20) {
                throw new IllegalStateException("unresolvable $ref " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException("$ref " + ref + " names nothing");
            }
        }
        return current;
    }

    /** The properties of {@code #/components/schemas/<name>}, merged over its {@code allOf}. */
    public Shape shape(String name) {
        Set<String> properties = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        collect(resolve(root.at("/components/schemas/" + name)), properties, required);
        if (properties.isEmpty()) {
            throw new IllegalStateException("schema " + name + " has no properties");
        }
        return new Shape(properties, required);
    }

    private void collect(JsonNode schema, Set<String> properties, Set<String> required) {
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        schema.path("required").forEach(field -> required.add(field.asText()));
        for (JsonNode part : schema.path("allOf")) {
            collect(resolve(part), properties, required);
        }
    }

    /** Operation servers override path servers, which override the document's (OpenAPI 3.1, 4.8.10). */
    private JsonNode servers(JsonNode operation, JsonNode pathItem) {
        for (JsonNode candidate : List.of(operation.path("servers"), pathItem.path("servers"), root.path("servers"))) {
            if (candidate.isArray() && !candidate.isEmpty()) {
                return candidate;
            }
        }
        throw new IllegalStateException("the document names no servers");
    }

    private static List<String> absolutePaths(String template, JsonNode servers) {
        List<String> paths = new ArrayList<>();
        for (JsonNode server : servers) {
            String url = server.path("url").asText();
            paths.add((url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + template);
        }
        return paths;
    }
}
