package dev.locket.adapters.http.server;

import dev.locket.adapters.http.HttpConfig;
import dev.locket.adapters.http.HttpPorts;
import dev.locket.adapters.http.admin.BackupRoutes;
import dev.locket.adapters.http.admin.CronRoutes;
import dev.locket.adapters.http.admin.LogsRoutes;
import dev.locket.adapters.http.admin.SqlRoutes;
import dev.locket.adapters.http.auth.AuthFlowRoutes;
import dev.locket.adapters.http.auth.AuthRoutes;
import dev.locket.adapters.http.auth.OAuth2Routes;
import dev.locket.adapters.http.collection.CollectionRoutes;
import dev.locket.adapters.http.file.FileRoutes;
import dev.locket.adapters.http.record.BatchRoutes;
import dev.locket.adapters.http.record.RecordRoutes;
import dev.locket.adapters.http.settings.SettingsRoutes;
import dev.locket.adapters.http.support.ApiErrors;
import dev.locket.adapters.http.support.HeadAsGet;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.RequestLogFilter;
import dev.locket.adapters.http.wire.TransportErrors;
import dev.locket.adapters.http.wire.WireSelector;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** The REST API server: Helidon routes over the inbound ports, PocketBase's wire conventions. */
public final class LocketHttpServer {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final WebServer server;
    private final InFlight inFlight;

    private LocketHttpServer(WebServer server, InFlight inFlight) {
        this.server = server;
        this.inFlight = inFlight;
    }

    /**
     * Starts listening. {@code customRoutes} (the embedding API's onServe; may be null) are added
     * after the shared filter and error handler and before the API routes, so they may shadow them.
     */
    public static LocketHttpServer start(HttpConfig config, HttpPorts ports,
                                         Consumer<HttpRouting.Builder> customRoutes) {
        return start(config, ports, customRoutes, null, null);
    }

    /**
     * As {@link #start(HttpConfig, HttpPorts, Consumer)}, plus other adapters' endpoints (adapters do not
     * know each other, bootstrap joins them): {@code extraRoutes} are registered after the API routes and
     * before the JSON 404 fallback, on the same routing (so they share its filters and error handler);
     * {@code extraServer} may add non-HTTP routings such as WebSocket endpoints. Both may be null.
     */
    public static LocketHttpServer start(HttpConfig config, HttpPorts ports,
                                         Consumer<HttpRouting.Builder> customRoutes,
                                         Consumer<HttpRouting.Builder> extraRoutes,
                                         Consumer<WebServerConfig.Builder> extraServer) {
        Setup setup = setup(config, ports);
        if (customRoutes != null) {
            customRoutes.accept(setup.routing());
        }
        return setup.start(extraRoutes, extraServer);
    }

    /**
     * A server in two steps, for an app whose serve hook adds routes before the server listens (upstream's
     * {@code OnServe}): the routing with the shared filters and error handler now, the API's routes and the
     * listener at {@link Setup#start}.
     */
    public static Setup setup(HttpConfig config, HttpPorts ports) {
        return new Setup(Objects.requireNonNull(config), Objects.requireNonNull(ports));
    }

    /** A server not listening yet; see {@link #setup}. */
    public static final class Setup {
        private final HttpConfig config;
        private final HttpContext ctx;
        private final InFlight inFlight = new InFlight();
        private final HttpRouting.Builder routing = HttpRouting.builder();

        private Setup(HttpConfig config, HttpPorts ports) {
            this.config = config;
            this.ctx = new HttpContext(ports, config.bodyLimit(), config.allowedOrigins());
            routing.addFilter(inFlight);
            routing.addFilter(new DisconnectWatch());
            routing.addFilter(new CorsFilter(ctx.allowedOrigins()));
            ctx.ports().admin().ifPresent(admin -> routing.addFilter(new RequestLogFilter(admin.logRequests())));
            routing.addFilter(new HeadAsGet());
            ctx.ports().authFlows().ifPresent(flows -> routing.addFilter(new GuardFilter(flows.settings(),
                    ctx.ports().authenticate(), flows.collections(), java.time.Clock.systemUTC())));
            ApiErrors.register(routing);
        }

        /** The routing so far; routes added before {@link #start} come before the API's, so they may shadow them. */
        public HttpRouting.Builder routing() {
            return routing;
        }

        /**
         * Adds the API's routes, then {@code extraRoutes} (other adapters' endpoints: bootstrap joins them, on the
         * same filters and error handler) and the JSON 404 fallback, and starts listening; {@code extraServer}
         * may add non-HTTP routings such as WebSocket endpoints. Both may be null.
         */
        public LocketHttpServer start(Consumer<HttpRouting.Builder> extraRoutes,
                                      Consumer<WebServerConfig.Builder> extraServer) {
            registerApi(routing, ctx);
            if (extraRoutes != null) {
                extraRoutes.accept(routing);
            }
            // Anything no route (API, custom or static) answered gets PocketBase's JSON 404 envelope.
            routing.any((req, res) -> ApiErrors.write(req, res, 404, ApiErrors.defaultMessage(404),
                    java.util.Map.of()));
            return listen(config, inFlight, routing, extraServer);
        }
    }

    /**
     * Registers the routes the API answers itself (the admin ones when the ports have them). The custom routes'
     * precedence and conflict checks weigh them by their list in {@code route.ApiRoutes}; {@code ApiRoutesTest}
     * keeps that list and these registrations in step.
     */
    public static void registerApi(HttpRules rules, HttpContext ctx) {
        rules.register(new HealthRoutes(ctx), new CollectionRoutes(ctx), new RecordRoutes(ctx),
                new AuthRoutes(ctx), new BatchRoutes(ctx), new OAuth2Routes(ctx));
        rules.register(new AuthFlowRoutes(ctx));
        rules.register(new FileRoutes(ctx));
        ctx.ports().admin().ifPresent(admin -> rules.register(new SettingsRoutes(ctx, admin),
                new CronRoutes(ctx, admin), new SqlRoutes(ctx, admin), new LogsRoutes(ctx, admin),
                new BackupRoutes(ctx, admin)));
    }

    private static LocketHttpServer listen(HttpConfig config, InFlight inFlight, HttpRouting.Builder routing,
                                           Consumer<WebServerConfig.Builder> extraServer) {
        // Go's server takes query characters such as ':' or '>' raw (e.g. fields=body:excerpt(9));
        // Helidon's strict RFC prologue check would answer 400 before routing.
        // Go accepts a request line plus headers up to ~1 MiB (long filters travel in the query);
        // beyond that, and for anything else refused before routing, the answer is still JSON.
        // The Host header is checked as Go checks it by WireRequests (HTTP/1.0 may omit it).
        Http1Config http1 = Http1Config.builder().validatePrologue(false)
                .validateRequestHostHeader(false)
                .maxPrologueLength(TransportErrors.MAX_PROLOGUE_AND_HEADERS)
                .maxHeadersSize(TransportErrors.MAX_PROLOGUE_AND_HEADERS).build();
        WebServerConfig.Builder builder = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .addProtocol(http1)
                .directHandlers(TransportErrors.handlers())
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .routing(routing);
        if (extraServer != null) {
            extraServer.accept(builder);
        }
        // Every connection goes through the wire layer (HTTP/1.0, framing checks, canonical targets):
        // it wraps Helidon's HTTP/1.1 connection built with the listener's final protocol list.
        WebServerConfig prototype = builder.buildPrototype();
        WebServer server = WebServerConfig.builder().from(prototype)
                .addConnectionSelector(WireSelector.create(http1, prototype.protocols()))
                .build().start();
        if (server.port() < 0) {
            // Helidon logs the bind failure and keeps going without a listener; a server must not
            server.stop();
            throw new ListenFailed("cannot listen on " + config.host() + ":" + config.port()
                    + " (is another server using that port?)");
        }
        return new LocketHttpServer(server, inFlight);
    }

    /** Swaps the listener's certificate (a renewed one) without dropping connections. */
    public void reloadTls(io.helidon.common.tls.Tls tls) {
        server.reloadTls(tls);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.port();
    }

    /**
     * Stops accepting connections, then waits (up to 10 s) for requests already being handled to
     * finish: Helidon's own stop returns without waiting for them.
     */
    public void stop() {
        server.stop();
        inFlight.awaitIdle(DRAIN_TIMEOUT);
    }
}
