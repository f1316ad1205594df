package io.hivematrix.archive.adapter.rest;

import io.helidon.webserver.http.ServerRequest;

/**
 * Who sent a request, as an authentication filter in front of the routes registers it in the
 * request context; routes read it here and never look at headers themselves.
 *
 * @param name how the caller is recorded, e.g. {@code service:ledger} or a user's e-mail
 */
public record Caller(String name) {
    /** Until authentication is in front of the routes, requests are recorded as anonymous. */
    public static final Caller ANONYMOUS = new Caller("anonymous");

    static Caller of(ServerRequest request) {
        return request.context().get(Caller.class, Caller.class).orElse(ANONYMOUS);
    }
}
