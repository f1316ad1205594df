package io.hivematrix.archive.adapter.rest.http;

/**
 * The prefix the Nexus proxy adds in front of every route: the routes are served at the root and again under it, and
 * links in a response point back through the proxy when the request came through it.
 */
public final class ProxyPrefix {
    /** The prefix the Nexus proxy adds in front of every route. */
    public static final String PATH = "/archive";

    private ProxyPrefix() {
    }

    /** {@link #PATH} when {@code path} came through the proxy (it is under the prefix), else the empty string. */
    public static String of(String path) {
        return isUnder(path) ? PATH : "";
    }

    /** Whether {@code path} lies under the prefix (the prefix alone does not). */
    public static boolean isUnder(String path) {
        return path.startsWith(PATH + "/");
    }
}
