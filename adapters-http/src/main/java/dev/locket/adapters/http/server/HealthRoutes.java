package dev.locket.adapters.http.server;

import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.RequestIp;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/health}: always 200; superusers also get backup and client-IP details. */
final class HealthRoutes implements HttpService {

    private static final List<String> PROXY_HEADERS = List.of("CF-Connecting-IP", "Fly-Client-IP");

    private final HttpContext ctx;

    HealthRoutes(HttpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.getOrHead(rules, "/api/health", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> data = new LinkedHashMap<>();
        if (r.info().isSuperuser()) {
            data.put("canBackup", ctx.ports().admin().map(admin -> admin.backups().canBackup()).orElse(true));
            // upstream's RealIP: the trusted proxy header when configured, else the TCP peer
            data.put("realIP", RequestIp.of(req));
            String proxy = "";
            for (String h : PROXY_HEADERS) {
                if (req.headers().first(HeaderNames.create(h)).filter(v -> !v.isEmpty()).isPresent()) {
                    proxy = h;
                    break;
                }
            }
            data.put("possibleProxyHeader", proxy);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "API is healthy.");
        body.put("code", 200);
        body.put("data", data);
        Responses.json(req, res, 200, body);
    }
}
