package dev.locket.adapters.http.settings;

import dev.locket.adapters.http.AdminPorts;
import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.settings.Settings;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/** {@code GET/PATCH /api/settings} (admin-and-ops §2); the test and Apple routes live elsewhere. */
public final class SettingsRoutes implements HttpService {

    private final HttpContext ctx;
    private final AdminPorts ports;
    private final SettingsJson json = new SettingsJson();

    public SettingsRoutes(HttpContext ctx, AdminPorts ports) {
        this.ctx = ctx;
        this.ports = ports;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.getOrHead(rules, "/api/settings", this::read);
        rules.patch("/api/settings", this::update);
    }

    private void read(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Responses.json(req, res, 200, json.api(ports.readSettings().read(r.info())));
    }

    private void update(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        // Upstream checks superuser access in a middleware, before the body is read.
        ports.readSettings().read(r.info());
        Map<String, Object> body = Routes.bodyMap(r, BadRequest.LOAD_FAILED);
        Settings saved = ports.updateSettings().update(current -> json.patch(current, body), r.info());
        Responses.json(req, res, 200, json.api(saved));
    }
}
