package io.hivematrix.archive.adapter.rest.security;

import io.helidon.webserver.http.ServerRequest;
import io.hivematrix.archive.domain.Snapshot;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent a request, as the authentication filter established it from the bearer token; routes read
 * it from the request context and never look at headers themselves.
 *
 * @param service         the calling service's name for a service token, else null
 * @param email           the user's e-mail for a user token, else null
 * @param permissionLevel the user's level ({@code admin}, {@code billing}, {@code technician}, {@code client})
 */
public record Caller(String service, String email, String name, String permissionLevel) {
    public Caller {
        if ((service == null) == (email == null)) {
            throw new IllegalArgumentException("a caller is either a service or a user");
        }
    }

    public static Caller service(String service) {
        return new Caller(Objects.requireNonNull(service), null, null, null);
    }

    public static Caller user(String email, String name, String permissionLevel) {
        return new Caller(null, Objects.requireNonNull(email), name, permissionLevel);
    }

    public boolean isService() {
        return service != null;
    }

    public boolean isUserWithLevel(String... levels) {
        if (isService() || permissionLevel == null) {
            return false;
        }
        for (String level : levels) {
            if (level.equals(permissionLevel)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Who sent a bill, as it is recorded in {@code submitted_by}: {@code service:<name>} for a service token,
     * {@code user:<e-mail>} for a user's (the e-mail: a token always carries it, and it names one user).
     */
    public String submitter() {
        return isService() ? Snapshot.SERVICE_PRINCIPAL + service : Snapshot.USER_PRINCIPAL + email;
    }

    /** How the caller is recorded as creator: the user's e-mail, or {@code service:<name>}. */
    public String principal() {
        return isService() ? "service:" + service : email;
    }

    static Optional<Caller> of(ServerRequest request) {
        return request.context().get(Caller.class, Caller.class);
    }

    /** The authenticated caller; the authentication filter guarantees one on every protected route. */
    public static Caller required(ServerRequest request) {
        return of(request).orElseThrow(() -> new IllegalStateException("route reached without authentication"));
    }
}
