package dev.locket.adapters.http.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.locket.adapters.http.AdminPorts;
import dev.locket.adapters.http.AuthFlowPorts;
import dev.locket.adapters.http.HttpPorts;
import dev.locket.adapters.http.server.LocketHttpServer;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import io.helidon.common.uri.UriFragment;
import io.helidon.common.uri.UriPath;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link ApiRoutes} is kept by hand for the custom routes' precedence and conflict checks: this test holds it to
 * the routes the HTTP adapter really registers ({@link LocketHttpServer#registerApi}, every feature on). Each
 * registered route is probed with one request per method on a path of every listed route (and that path with one
 * more segment): it must accept exactly the probes one listed route matches, and every listed route must be so
 * registered.
 */
class ApiRoutesTest {
    /** Listed routes served on the same mux by other adapters: realtime, and the dashboard bootstrap mounts. */
    private static final Set<String> SERVED_ELSEWHERE = Set.of("GET /api/realtime", "POST /api/realtime",
            "GET /_/{path...}");
    private static final List<Method> METHODS = List.of(Method.GET, Method.POST, Method.PUT, Method.PATCH,
            Method.DELETE);

    private record Probe(Method method, String path) {
        @Override
        public String toString() {
            return method.text() + " " + path;
        }
    }

    @Test
    void everyRegisteredRouteIsListedAndEveryListedRouteRegistered() {
        List<RoutePattern> listed = ApiRoutes.ALL.stream()
                .filter(r -> !SERVED_ELSEWHERE.contains(r.toString())).toList();
        assertEquals(ApiRoutes.ALL.size() - SERVED_ELSEWHERE.size(), listed.size(),
                "every route served elsewhere is listed");
        List<Probe> probes = new ArrayList<>();
        for (RoutePattern route : listed) {
            String path = samplePath(route.path());
            for (Method method : METHODS) {
                probes.add(new Probe(method, path));
                probes.add(new Probe(method, path + "/x9y"));
            }
        }

        List<String> registeredAs = new ArrayList<>();
        for (HttpRoute route : registeredRoutes()) {
            Set<Probe> accepted = probes.stream().filter(p -> accepts(route, p))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            List<String> same = listed.stream().filter(r -> accepted.equals(matching(r, probes)))
                    .map(RoutePattern::toString).toList();
            assertEquals(1, same.size(), "the registered route " + route + " (accepting " + accepted
                    + ") is missing from ApiRoutes");
            registeredAs.add(same.getFirst());
        }
        assertEquals(Set.copyOf(registeredAs).size(), registeredAs.size(), "no route is registered twice");
        List<String> unregistered = listed.stream().map(RoutePattern::toString)
                .filter(r -> !registeredAs.contains(r)).toList();
        assertTrue(unregistered.isEmpty(), "ApiRoutes lists routes the adapter does not register: " + unregistered);
    }

    /** A path of the pattern: names and wildcards filled with values no API path segment has. */
    private static String samplePath(PathPattern pattern) {
        StringBuilder path = new StringBuilder();
        for (PathPattern.Segment segment : pattern.segments()) {
            path.append('/').append(switch (segment) {
                case PathPattern.Literal literal -> literal.value();
                case PathPattern.Single single -> "s1t";
                case PathPattern.Rest rest -> "r1s/r2s";
            });
        }
        return path.toString();
    }

    /** The probes a listed route matches by Go's rules (GET covers HEAD, not probed). */
    private static Set<Probe> matching(RoutePattern route, List<Probe> probes) {
        return probes.stream()
                .filter(p -> p.method().text().equals(route.method()) && route.path().match(p.path()).isPresent())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static boolean accepts(HttpRoute route, Probe probe) {
        HttpPrologue prologue = HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", probe.method(),
                UriPath.create(probe.path()), UriQuery.empty(), UriFragment.empty());
        return route.accepts(prologue).accepted();
    }

    private static List<HttpRoute> registeredRoutes() {
        HttpPorts ports = HttpPorts.builder()
                .records(mock(ListRecords.class), mock(ViewRecord.class), mock(CreateRecord.class),
                        mock(UpdateRecord.class), mock(DeleteRecord.class))
                .collections(mock(ManageCollections.class))
                .auth(mock(AuthWithPassword.class), mock(AuthRefresh.class), mock(Authenticate.class))
                .authFlows(mockedRecord(AuthFlowPorts.class))
                .admin(mockedRecord(AdminPorts.class))
                .build();
        Recorder recorder = new Recorder();
        LocketHttpServer.registerApi(recorder, new HttpContext(ports, 1024, List.of()));
        return recorder.routes;
    }

    /** A ports record whose every component is a mocked application service. */
    private static <T extends Record> T mockedRecord(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = mock(types[i]);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Routing rules that keep the routes registered on them (every shorthand of HttpRules ends in route()). */
    private static final class Recorder implements HttpRules {
        final List<HttpRoute> routes = new ArrayList<>();

        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService service : services) {
                service.routing(this);
            }
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            throw new AssertionError("the API registers no service under a prefix: " + pathPattern);
        }

        @Override
        public HttpRules route(HttpRoute route) {
            routes.add(route);
            return this;
        }
    }
}
