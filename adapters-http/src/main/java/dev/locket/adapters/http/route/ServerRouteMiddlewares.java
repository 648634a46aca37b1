package dev.locket.adapters.http.route;

import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.domain.collection.Collection;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The middlewares bound on the whole router, around the routes the server answers itself (the API, realtime,
 * files, the JSON 404). Upstream's API routes are ordinary routes of {@code e.Router}, so a middleware bound
 * there with {@code Bind}/{@code BindFunc} runs before them: it sees {@code e.auth()} and the path values,
 * may answer instead (an error thrown or a response written without {@code next()}), may replace the auth
 * record the API then acts for ({@code e.setAuth}), and its code after
 * {@code next()} runs once the API has answered. Here {@code next()} at the end of the chain continues
 * Helidon's filter chain into those routes.
 *
 * <p>The router's {@code pbBodyLimit} is left out: the API routes keep their own limits, as upstream's routes
 * that replace it (record create/update, backup upload). Only requests a custom route does not answer pass
 * through here; custom routes run the same middlewares in their own chain. A raw Helidon route
 * ({@code ServeEvent.routing()}) on an API path is wrapped as well, since filters run before any route.
 */
final class ServerRouteMiddlewares implements Filter {
    private final Dispatcher mux;
    private final List<Middleware> middlewares;
    private final Function<String, Optional<Collection>> collections;

    ServerRouteMiddlewares(Dispatcher mux, List<Middleware> middlewares,
                           Function<String, Optional<Collection>> collections) {
        this.mux = mux;
        this.middlewares = List.copyOf(middlewares);
        this.collections = collections;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<Map<String, String>> values = mux.passedOn(req);
        if (values.isEmpty()) {
            chain.proceed();
            return;
        }
        Dispatcher.run(middlewares, e -> {
            ApiRequest.shareRouterAuth(req, e.auth());
            chain.proceed();
        }, values.get(), req, res, collections);
    }
}
