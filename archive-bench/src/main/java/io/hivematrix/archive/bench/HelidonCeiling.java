package io.hivematrix.archive.bench;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.hivematrix.archive.bench.rest.BenchFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ceiling for the service's GETs: Helidon on the service's listener settings answering with the same
 * snapshot JSON and CSV from memory, with no authentication, routing filters or look-up in front.
 *
 * <p>Usage: {@code HelidonCeiling <port> [json-file]}; without a file the JSON comes from the GET route's
 * own serialisation of the fixture ({@code -Dbench.fixture}). Prints {@code ready} once listening.
 */
public final class HelidonCeiling {
    /** As the GET routes send them: an archived snapshot never changes. */
    private static final String IMMUTABLE = "private, max-age=31536000, immutable";

    private HelidonCeiling() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: HelidonCeiling <port> [json-file]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        BenchFixture fixture = BenchFixture.load();
        byte[] json = args.length == 2 ? Files.readAllBytes(Path.of(args[1])) : fixture.getResponseJson();
        byte[] csv = fixture.invoiceCsv();
        String jsonEtag = fixture.jsonEtag();
        String csvEtag = fixture.csvEtag();
        String disposition = fixture.csvContentDisposition();

        WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                // As ListenerSettings.serverConfig: without it Nagle holds each 17 KB response's tail ~40 ms.
                .connectionOptions(options -> options.tcpNoDelay(true))
                .routing(routing -> routing
                        // The same headers the service's routes send on a 200, so only the work differs.
                        .get("/json", (req, res) -> {
                            res.header(HeaderNames.ETAG, jsonEtag);
                            res.header(HeaderNames.CACHE_CONTROL, IMMUTABLE);
                            res.header(HeaderNames.CONTENT_TYPE, "application/json");
                            res.send(json);
                        })
                        .get("/csv", (req, res) -> {
                            res.header(HeaderNames.ETAG, csvEtag);
                            res.header(HeaderNames.CACHE_CONTROL, IMMUTABLE);
                            res.header(HeaderNames.CONTENT_DISPOSITION, disposition);
                            res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
                            res.send(csv);
                        }))
                .build()
                .start();
        // The listener thread keeps the JVM alive after main returns; Helidon's own shutdown hook stops it on kill.
        System.out.println("ready");
    }
}
