package io.hivematrix.archive.adapter.rest;

import io.helidon.http.Status;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;

/** Last line of defence: logs the failure with its correlation id and answers 500 without leaking details. */
final class UnexpectedErrors implements ErrorHandler<Exception> {
    private static final System.Logger LOG = System.getLogger(UnexpectedErrors.class.getName());

    @Override
    public void handle(ServerRequest req, ServerResponse res, Exception error) {
        String id = CorrelationId.of(req).value();
        LOG.log(Level.ERROR, "request " + id + " " + req.prologue().method().text() + " " + req.path().absolute().path()
                + " failed", error);
        if (res.isSent()) {
            return;
        }
        Problems.send(req, res, Status.INTERNAL_SERVER_ERROR_500, "internal", "Internal Server Error",
                "The archive could not complete the request; quote correlation id " + id + " when reporting it");
    }
}
