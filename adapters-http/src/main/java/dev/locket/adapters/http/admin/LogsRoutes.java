package dev.locket.adapters.http.admin;

import dev.locket.adapters.http.AdminPorts;
import dev.locket.adapters.http.record.RecordRoutes;
import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.QueryParams;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
import dev.locket.application.port.in.admin.ReadLogs;
import dev.locket.application.port.out.LogEntry;
import dev.locket.application.port.out.LogStore;
import dev.locket.application.port.out.Page;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/logs}, {@code /api/logs/stats}, {@code /api/logs/{id}} (admin-and-ops §3). */
public final class LogsRoutes implements HttpService {

    private final HttpContext ctx;
    private final AdminPorts ports;

    public LogsRoutes(HttpContext ctx, AdminPorts ports) {
        this.ctx = ctx;
        this.ports = ports;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.getOrHead(rules, "/api/logs/stats", this::stats);
        Routes.getOrHead(rules, "/api/logs", this::list);
        Routes.getOrHead(rules, "/api/logs/{id}", this::view);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        QueryParams p = QueryParams.of(r);
        Page<LogEntry> page = ports.logs().list(new ReadLogs.ListQuery(p.filter(), p.sort(), p.page(), p.perPage(),
                p.skipTotal(), r.info()));
        List<Object> items = new ArrayList<>();
        page.items().forEach(e -> items.add(json(e)));
        Responses.list(req, res, RecordRoutes.envelope(page.page(), page.perPage(), page.totalItems(),
                page.totalPages(), items));
    }

    private void view(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Responses.json(req, res, 200, json(ports.logs().view(r.pathParam("id"), r.info())));
    }

    private void stats(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        List<Object> out = new ArrayList<>();
        for (LogStore.HourlyCount c : ports.logs().stats(r.query("filter"), r.info())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("date", c.date());
            item.put("total", c.total());
            out.add(item);
        }
        Responses.json(req, res, 200, out);
    }

    /** A log item, keys as upstream's Log model writes them. */
    static Map<String, Object> json(LogEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("created", e.created());
        out.put("data", e.data());
        out.put("message", e.message());
        out.put("level", e.level());
        return out;
    }
}
