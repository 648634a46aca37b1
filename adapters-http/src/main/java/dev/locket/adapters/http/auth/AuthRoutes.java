package dev.locket.adapters.http.auth;

import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.AuthWithPassword;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/** Password login and token refresh (auth §3, §4.2, §4.3). */
public final class AuthRoutes implements HttpService {

    private final HttpContext ctx;

    public AuthRoutes(HttpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/collections/{collection}/auth-with-password", this::authWithPassword);
        rules.post("/api/collections/{collection}/auth-refresh", this::authRefresh);
    }

    private void authWithPassword(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = AuthFlowRoutes.textBody(r, "identity", "password", "identityField");
        AuthResult result = ctx.ports().authWithPassword().authWithPassword(new AuthWithPassword.Command(
                r.pathParam("collection"), AuthFlowRoutes.text(body, "identity"),
                AuthFlowRoutes.text(body, "password"), AuthFlowRoutes.text(body, "identityField"),
                r.query("expand"), r.info(body), AuthFlowRoutes.mfaId(r, body), AuthFlowRoutes.clientIp(req)));
        AuthFlowRoutes.sendAuth(req, res, result);
    }

    private void authRefresh(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        AuthResult result = ctx.ports().authRefresh().authRefresh(new AuthRefresh.Command(
                r.pathParam("collection"), r.token(), r.query("expand"), r.info()));
        AuthFlowRoutes.sendAuth(req, res, result);
    }
}
