package dev.locket.adapters.http.admin;

import dev.locket.adapters.http.AdminPorts;
import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
import dev.locket.application.port.in.admin.ManageCrons;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/crons} and {@code POST /api/crons/{id}} (admin-and-ops §5). */
public final class CronRoutes implements HttpService {

    private final HttpContext ctx;
    private final AdminPorts ports;

    public CronRoutes(HttpContext ctx, AdminPorts ports) {
        this.ctx = ctx;
        this.ports = ports;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.getOrHead(rules, "/api/crons", this::list);
        rules.post("/api/crons/{id}", this::run);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        List<Object> out = new ArrayList<>();
        for (ManageCrons.Job job : ports.crons().list(r.info())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", job.id());
            item.put("expression", job.expression());
            out.add(item);
        }
        Responses.json(req, res, 200, out);
    }

    private void run(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        ports.crons().run(r.pathParam("id"), r.info());
        Responses.noContent(res);
    }
}
