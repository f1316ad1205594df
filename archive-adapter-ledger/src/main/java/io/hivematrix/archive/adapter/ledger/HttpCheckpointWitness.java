package io.hivematrix.archive.adapter.ledger;

import io.hivematrix.archive.application.port.out.CheckpointWitness;
import io.hivematrix.archive.domain.SignedCheckpoint;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs each new checkpoint (the signed note, {@code text/plain}) to a witness: a service outside Archive that keeps
 * them. A checkpoint the witness did not take with a 2xx is offered again on the next call; one it took is not.
 */
public final class HttpCheckpointWitness implements CheckpointWitness {
    private static final System.Logger LOG = System.getLogger(HttpCheckpointWitness.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final String shownUrl;
    private final HttpClient client;
    private long taken = -1;

    /** {@code shownUrl} is the URL as logs may show it (credentials masked). */
    public HttpCheckpointWitness(URI url, String shownUrl) {
        this.url = Objects.requireNonNull(url);
        this.shownUrl = Objects.requireNonNull(shownUrl);
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public synchronized void offer(SignedCheckpoint checkpoint) {
        long size = checkpoint.checkpoint().size();
        if (size <= taken) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(checkpoint.note(), StandardCharsets.UTF_8)).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                taken = size;
            } else {
                LOG.log(Level.WARNING, "The witness at " + shownUrl + " answered " + status + " to checkpoint " + size
                        + "; offering it again later");
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The witness at " + shownUrl + " could not be reached for checkpoint " + size
                    + " (" + e.getClass().getSimpleName() + "); offering it again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
