package io.hivematrix.archive.adapter.rest;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Records the routes routing code really registers, by handing it a proxy {@link HttpRouting.Builder}. */
// Helidon's built HttpRouting does not list its routes, hence the stand-in. What the recorder cannot see through
// (a ready HttpRoute, a feature, a PathMatcher) fails loudly instead of going unseen.
public final class RecordedRoutes {
    /** A route: an HTTP method, or {@code ANY} for a path's catch-all (its 405 answer), and an absolute path. */
    public record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<String> VERBS = Set.of("get", "post", "put", "delete", "head", "options", "trace", "patch",
            "any");
    /** Helidon's {@code {name:regex}}: OpenAPI has no regex in a template, only the name. */
    private static final Pattern TYPED_PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*):[^}]*}");
    /** What else Helidon's path patterns know ({@code *}, {@code [optional]}, {@code {+rest}}): no OpenAPI form. */
    private static final Pattern UNDESCRIBABLE = Pattern.compile("[*\\[\\]]|\\{[+*]|\\{}");

    private final Set<Route> routes = new LinkedHashSet<>();

    private RecordedRoutes() {
    }

    /** Runs {@code registration} against the recorder and returns every route it registered, in order. */
    public static Set<Route> of(Consumer<HttpRouting.Builder> registration) {
        RecordedRoutes recorder = new RecordedRoutes();
        registration.accept(recorder.rules(""));
        return recorder.routes;
    }

    private HttpRouting.Builder rules(String prefix) {
        InvocationHandler handler = (proxy, method, args) -> invoke(proxy, prefix, method, args);
        return (HttpRouting.Builder) Proxy.newProxyInstance(HttpRouting.Builder.class.getClassLoader(),
                new Class<?>[] {HttpRouting.Builder.class}, handler);
    }

    private Object invoke(Object proxy, String prefix, Method method, Object[] args) {
        String name = method.getName();
        Class<?>[] types = method.getParameterTypes();
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "RecordedRoutes(" + prefix + ")";
            };
        }
        if (VERBS.contains(name) && types.length == 2 && types[0] == String.class) {
            record(name.toUpperCase(Locale.ROOT), prefix, (String) args[0]);
        } else if (name.equals("any") && types.length == 1 && prefix.isEmpty()) {
            return proxy; // the routing's last resort (the 404 problem), not a route of its own
        } else if (name.equals("route") && types.length == 3 && types[0] == io.helidon.http.Method.class
                && types[1] == String.class) {
            record(((io.helidon.http.Method) args[0]).text(), prefix, (String) args[1]);
        } else if (name.equals("register")) {
            register(prefix, args);
        } else if (!Set.of("addFilter", "error", "maxReRouteCount", "security").contains(name)) {
            // Filters and error handlers add no routes; anything else might, where this recorder cannot see.
            throw new UnsupportedOperationException("RecordedRoutes cannot see the routes of " + name
                    + Arrays.toString(types) + ": teach it, so that OpenApiDocumentTest keeps comparing every route");
        }
        return proxy;
    }

    private void register(String prefix, Object[] args) {
        String inner = prefix;
        List<HttpService> services = new ArrayList<>();
        for (Object arg : args) {
            switch (arg) {
                case String path -> inner = prefix + path;
                case HttpService[] array -> services.addAll(List.of(array));
                case Supplier<?> supplier -> services.add((HttpService) supplier.get());
                case List<?> list -> list.forEach(s -> services.add((HttpService) ((Supplier<?>) s).get()));
                default -> throw new UnsupportedOperationException("register(" + arg.getClass() + ")");
            }
        }
        for (HttpService service : services) {
            service.routing(rules(inner));
        }
    }

    private void record(String method, String prefix, String pattern) {
        if (UNDESCRIBABLE.matcher(pattern).find()) {
            throw new IllegalStateException(method + " " + prefix + pattern
                    + ": a Helidon path pattern OpenAPI cannot describe (use plain segments and {name})");
        }
        routes.add(new Route(method, prefix + TYPED_PARAMETER.matcher(pattern).replaceAll("{$1}")));
    }
}
