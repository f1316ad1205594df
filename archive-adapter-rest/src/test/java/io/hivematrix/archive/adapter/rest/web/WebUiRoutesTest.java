package io.hivematrix.archive.adapter.rest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.hivematrix.archive.testkit.InMemorySnapshotStore;
import io.hivematrix.archive.adapter.rest.RoutesUnderTest;
import io.hivematrix.archive.adapter.rest.TestApis;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The web page and its two files are served without a token, with strict headers; nothing else is opened up. */
class WebUiRoutesTest {
    @AutoClose
    private static final DirectClient client = RoutesUnderTest.over(TestApis.over(new InMemorySnapshotStore()));

    @Test
    void page_andAssets_areServedWithoutAToken_atTheRootAndBehindTheProxy() {
        for (String prefix : List.of("", "/archive")) {
            assertServed(prefix + "/", "text/html; charset=utf-8", "<script src=\"ui/app.js\"");
            assertServed(prefix + "/ui/app.js", "text/javascript; charset=utf-8", "textContent");
            assertServed(prefix + "/ui/app.css", "text/css; charset=utf-8", ":root");
        }
    }

    @Test
    void unchangedAsset_isA304() {
        String etag;
        try (Http1ClientResponse res = client.get("/ui/app.js").request()) {
            etag = res.headers().first(HeaderNames.ETAG).orElseThrow();
        }
        try (Http1ClientResponse res = client.get("/ui/app.js").header(HeaderNames.IF_NONE_MATCH, etag).request()) {
            assertEquals(304, res.status().code());
        }
    }

    @Test
    void archiveWithoutSlash_redirectsToThePage() {
        try (Http1ClientResponse res = client.get("/archive").followRedirects(false).request()) {
            assertEquals(301, res.status().code());
            assertEquals("/archive/", res.headers().first(HeaderNames.LOCATION).orElseThrow());
        }
    }

    @Test
    void otherPaths_stillNeedAToken() {
        for (String path : List.of("/index.html", "/ui/", "/ui/other.js", "/web/app.js", "/archive/ui/app.js/x",
                "/api/snapshots/search", "/archive/api/audit/head")) {
            try (Http1ClientResponse res = client.get(path).request()) {
                assertEquals(401, res.status().code(), path);
            }
        }
    }

    @Test
    void script_neverWritesHtml() {
        try (Http1ClientResponse res = client.get("/ui/app.js").request()) {
            String js = res.as(String.class);
            assertFalse(js.contains("innerHTML"), "data goes into the page as text only");
            assertFalse(js.contains("http://") || js.contains("https://"), "no asset or call leaves the origin");
        }
    }

    private void assertServed(String path, String contentType, String content) {
        try (Http1ClientResponse res = client.get(path).request()) {
            assertEquals(200, res.status().code(), path);
            assertEquals(contentType, res.headers().first(HeaderNames.CONTENT_TYPE).orElseThrow(), path);
            assertEquals("nosniff", res.headers().first(HeaderNames.X_CONTENT_TYPE_OPTIONS).orElseThrow());
            assertTrue(res.headers().first(HeaderNames.create("Content-Security-Policy")).orElseThrow()
                    .startsWith("default-src 'self'"));
            assertEquals("no-cache", res.headers().first(HeaderNames.CACHE_CONTROL).orElseThrow());
            assertTrue(res.as(String.class).contains(content), path);
        }
    }
}
