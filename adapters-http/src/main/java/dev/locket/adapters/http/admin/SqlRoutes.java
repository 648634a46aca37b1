package dev.locket.adapters.http.admin;

import dev.locket.adapters.http.AdminPorts;
import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
import dev.locket.application.port.in.admin.RunSql;
import dev.locket.domain.error.BadRequest;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /api/sql}: the superuser SQL console (admin-and-ops §6). */
public final class SqlRoutes implements HttpService {


    private final HttpContext ctx;
    private final AdminPorts ports;

    public SqlRoutes(HttpContext ctx, AdminPorts ports) {
        this.ctx = ctx;
        this.ports = ports;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/sql", this::run);
    }

    private void run(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        // The superuser check comes first (an empty query from a guest is a 401, not a 400).
        RunSql port = ports.sql();
        if (!r.info().isSuperuser()) {
            port.run("", r.info());
        }
        Map<String, Object> body = Routes.bodyMap(r, BadRequest.LOAD_FAILED);
        Object raw = body.get("query");
        if (raw != null && !(raw instanceof String)) {
            throw new dev.locket.domain.error.BadRequest(BadRequest.LOAD_FAILED);
        }
        String query = raw == null ? "" : (String) raw;
        RunSql.Result result = port.run(query, r.info());
        List<Object> columns = new ArrayList<>();
        for (RunSql.Column c : result.columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.name());
            col.put("type", c.type());
            col.put("nullable", c.nullable());
            columns.add(col);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("execTime", result.execTime());
        out.put("affectedRows", result.affectedRows());
        out.put("columns", columns);
        out.put("rows", new ArrayList<Object>(result.rows()));
        Responses.json(req, res, 200, out);
    }
}
