package io.hivematrix.archive.adapter.rest.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.http.ProxyPrefix;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The web page people use to find bills: one HTML page and its script and style sheet, read once from the class
 * path and served at {@code /} and {@code /archive/} without a token (the script sends the token to the API).
 * Not Helidon's static content: it serves whole directories, without a charset, with time-based ETags and a 304
 * thrown as an exception (docs/performance.md, "Helidon's own edge features").
 */
public final class WebUiRoutes implements HttpService {
    /** The page's own paths, relative to the root or to {@link ProxyPrefix#PATH}: the only ones served. */
    public static final Set<String> PATHS = Set.of("/", "/ui/app.js", "/ui/app.css");
    /** Nothing but this origin's own files and API; no inline script or style, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    private static final HeaderName X_FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");

    private final Map<String, Asset> assets = Map.of(
            "/", Asset.load("index.html", "text/html; charset=utf-8"),
            "/ui/app.js", Asset.load("app.js", "text/javascript; charset=utf-8"),
            "/ui/app.css", Asset.load("app.css", "text/css; charset=utf-8"));

    @Override
    public void routing(HttpRules rules) {
        for (Map.Entry<String, Asset> entry : assets.entrySet()) {
            Handler handler = (req, res) -> send(req, res, entry.getValue());
            String prefixed = ProxyPrefix.PATH + entry.getKey();
            rules.get(entry.getKey(), handler)
                    .head(entry.getKey(), handler)
                    .get(prefixed, handler)
                    .head(prefixed, handler);
        }
        // Behind the proxy "/archive" must end in a slash, or the page's relative URLs would miss the prefix.
        rules.get(ProxyPrefix.PATH, (req, res) -> {
            res.status(Status.MOVED_PERMANENTLY_301);
            res.header(HeaderNames.LOCATION, ProxyPrefix.PATH + "/");
            res.send();
        });
    }

    private static void send(ServerRequest req, ServerResponse res, Asset asset) {
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(CSP, CONTENT_SECURITY_POLICY);
        res.header(REFERRER_POLICY, "no-referrer");
        res.header(X_FRAME_OPTIONS, "DENY");
        // Revalidated on every load, so a new release is picked up at once; unchanged files cost a 304.
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.ETAG, asset.etag());
        String ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(null);
        if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        res.send(asset.body());
    }

    /** One file of the page, with its strong validator. */
    private record Asset(byte[] body, String contentType, String etag) {
        static Asset load(String name, String contentType) {
            try (InputStream in = WebUiRoutes.class.getResourceAsStream("/web/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("web/" + name + " missing from the class path");
                }
                byte[] body = in.readAllBytes();
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
                return new Asset(body, contentType, "\"" + hash.substring(0, 32) + "\"");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
