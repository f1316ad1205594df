package io.hivematrix.archive.adapter.rest.web;

import io.hivematrix.archive.adapter.rest.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The hand-written OpenAPI document ({@value #RESOURCE}), read once and kept ready as YAML and as JSON. */
public final class OpenApiDocument {
    public static final String RESOURCE = "/openapi/openapi.yaml";

    private final byte[] yaml;
    private final byte[] json;
    private final String hash;

    private OpenApiDocument(byte[] yaml, byte[] json, String hash) {
        this.yaml = yaml;
        this.json = json;
        this.hash = hash;
    }

    /** Reads and converts the document; a document that cannot be served as JSON stops the start-up here. */
    static OpenApiDocument load() {
        byte[] yaml = resource();
        byte[] json = Json.write(parse(new String(yaml, StandardCharsets.UTF_8)));
        return new OpenApiDocument(yaml, json, sha256(yaml).substring(0, 32));
    }

    /**
     * The document as maps, lists and scalars. The safe constructor builds nothing else (no Java types from tags);
     * duplicate keys are refused because YAML would silently keep the last one.
     */
    public static Object parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object tree = new Yaml(new SafeConstructor(options)).load(yaml);
        requireJsonTypes(tree, "$");
        return tree;
    }

    /** A strong validator per representation: the two bodies differ, so their tags must too. */
    String etag(boolean asJson) {
        return "\"" + hash + (asJson ? "-json\"" : "-yaml\"");
    }

    byte[] body(boolean asJson) {
        return asJson ? json : yaml;
    }

    /**
     * SnakeYAML reads YAML 1.1, where an unquoted {@code 2025-10-31} is a date and {@code 200:} an integer key; the
     * JSON form would then differ from what the YAML means in 1.2. Such a document is refused rather than served.
     */
    private static void requireJsonTypes(Object node, String at) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (!(key instanceof String name)) {
                    throw new IllegalStateException(RESOURCE + ": key " + key + " at " + at + " is not a string; quote it");
                }
                requireJsonTypes(value, at + "." + name);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireJsonTypes(list.get(i), at + "[" + i + "]");
            }
        } else if (!(node == null || node instanceof String || node instanceof Boolean || node instanceof Integer
                || node instanceof Long || node instanceof BigInteger || node instanceof Double)) {
            throw new IllegalStateException(RESOURCE + ": " + at + " is a " + node.getClass().getSimpleName()
                    + ", which JSON has not; quote it");
        }
    }

    private static byte[] resource() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
