package io.hivematrix.archive.adapter.rest.observe;

/** Told of every finished request (for metrics); the route is the matched pattern, never the raw path. */
@FunctionalInterface
public interface RequestObserver {
    RequestObserver NONE = (method, route, status, nanos) -> { };

    void finished(String method, String route, int status, long nanos);
}
