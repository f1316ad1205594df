package io.hivematrix.archive.adapter.rest.problems;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hivematrix.archive.adapter.rest.observe.CorrelationId;
import java.lang.System.Logger.Level;
import java.util.function.Predicate;

/**
 * Last line of defence: logs the failure with its correlation id and answers without leaking details: 503
 * with Retry-After when the store could not be reached (nothing was done; try again), else 500.
 */
public final class UnexpectedErrors implements ErrorHandler<Exception> {
    private static final System.Logger LOG = System.getLogger(UnexpectedErrors.class.getName());
    /** Seconds a client is asked to wait: about the pool's wait for a connection. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final Predicate<Throwable> unreachable;

    public UnexpectedErrors(Predicate<Throwable> unreachable) {
        this.unreachable = unreachable;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res, Exception error) {
        String id = CorrelationId.of(req).value();
        if (unreachable.test(error)) {
            // Expected while the database restarts: one line, no stack trace per request.
            LOG.log(Level.WARNING, "request " + id + " " + req.prologue().method().text() + " "
                    + req.path().absolute().path() + ": the database is unreachable (" + error.getMessage() + ")");
            if (!res.isSent()) {
                res.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
                Problems.send(req, res, ProblemType.UNAVAILABLE,
                        "The archive's database cannot be reached; nothing was changed. Try again shortly (correlation id "
                                + id + ")");
            }
            return;
        }
        LOG.log(Level.ERROR, "request " + id + " " + req.prologue().method().text() + " " + req.path().absolute().path()
                + " failed", error);
        if (res.isSent()) {
            return;
        }
        Problems.send(req, res, ProblemType.INTERNAL,
                "The archive could not complete the request; quote correlation id " + id + " when reporting it");
    }
}
