package io.hivematrix.archive.adapter.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** The one {@link HttpClient} shared by all neighbour calls, and the rules every call follows: JSON, optional bearer token, hard deadline. */
final class NeighbourHttp implements AutoCloseable {
    /** One mapper for the module; only the tree model is used, so nothing is bound by reflection. */
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration callTimeout;

    NeighbourHttp(Duration callTimeout, Duration connectTimeout) {
        this.callTimeout = callTimeout;
        this.client = HttpClient.newBuilder()
                // HTTP/1.1: the neighbours are plain HTTP/1.1 services; skipping the h2c upgrade dance avoids surprises.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                // Never follow redirects: a redirect would carry our bearer token to wherever it points.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What a neighbour answered: its status and the raw body. */
    record Reply(int status, byte[] body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON, or empty when it is not JSON at all. */
        Optional<JsonNode> json() {
            if (body.length == 0) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(JSON.readTree(body));
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        }
    }

    /** The call got no answer: timeout, refused or dropped connection, interruption. The message reads after the neighbour's name. */
    static final class NoAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Reply get(URI uri, Optional<String> bearer) throws NoAnswer {
        return send(request(uri, bearer).GET().build());
    }

    Reply postJson(URI uri, JsonNode body, Optional<String> bearer) throws NoAnswer {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
        return send(request(uri, bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    /** {@code base} + {@code path}, keeping any path prefix of the base (e.g. behind a proxy) and ignoring its trailing slash. */
    static URI resolve(URI base, String path) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + path);
    }

    /** A URL fit for logs: user info (a password, perhaps), query and fragment dropped. */
    static String display(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    private HttpRequest.Builder request(URI uri, Optional<String> bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(callTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "hivematrix-archive");
        bearer.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        return builder;
    }

    private Reply send(HttpRequest request) throws NoAnswer {
        // The request timeout alone stops at the response headers; waiting on the future bounds the whole exchange,
        // so a neighbour that trickles its body cannot hold a monthly run hostage.
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = call.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Reply(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new NoAnswer("did not answer within " + seconds(callTimeout), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw new NoAnswer("could not be connected to in time", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new NoAnswer("did not answer within " + seconds(callTimeout), cause);
            }
            if (cause instanceof ConnectException) {
                throw new NoAnswer("refused the connection or is unreachable", cause);
            }
            if (cause instanceof IOException && !(cause instanceof SSLException)) {
                // Connected, then the connection ended before a whole answer (a crashed worker, a proxy cutting it):
                // the neighbour was reached, so "could not be reached" would send an operator the wrong way.
                throw new NoAnswer("closed the connection without a complete answer (" + describe(cause) + ")", cause);
            }
            throw new NoAnswer("could not be reached (" + describe(cause) + ")", cause);
        } catch (InterruptedException e) {
            call.cancel(true);
            // Keep the interrupt for the caller (a job being stopped) while reporting the call as unanswered.
            Thread.currentThread().interrupt();
            throw new NoAnswer("was not waited for (interrupted)", e);
        }
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        client.close();
    }
}
