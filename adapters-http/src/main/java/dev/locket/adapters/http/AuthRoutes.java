package dev.locket.adapters.http;

import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.domain.error.BadRequest;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Password login and token refresh (auth §3, §4.2, §4.3). */
final class AuthRoutes implements HttpService {

    private final HttpContext ctx;

    AuthRoutes(HttpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/collections/{collection}/auth-with-password", this::authWithPassword);
        rules.post("/api/collections/{collection}/auth-refresh", this::authRefresh);
    }

    private void authWithPassword(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = textBody(r);
        AuthResult result = ctx.ports().authWithPassword().authWithPassword(new AuthWithPassword.Command(
                r.pathParam("collection"), text(body, "identity"), text(body, "password"),
                text(body, "identityField"), r.query("expand"), r.info(body), AuthFlowRoutes.mfaId(r, body),
                AuthFlowRoutes.clientIp(req)));
        send(req, res, result);
    }

    private void authRefresh(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        AuthResult result = ctx.ports().authRefresh().authRefresh(new AuthRefresh.Command(
                r.pathParam("collection"), r.token(), r.query("expand"), r.info()));
        send(req, res, result);
    }

    private static void send(ServerRequest req, ServerResponse res, AuthResult result) {
        // A Go map upstream, hence "record" before "token".
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("record", RecordJson.toMap(result.record()));
        out.put("token", result.token());
        Responses.json(req, res, 200, out);
    }

    /**
     * Auth bodies bind to string fields upstream: form values are taken as sent (no type
     * inference), and a JSON value of another type is an unreadable body.
     */
    private static Map<String, Object> textBody(ApiRequest r) {
        ApiRequest.Body body;
        try {
            body = r.body();
        } catch (BadRequest e) {
            throw new BadRequest(CollectionRoutes.LOAD_FAILED);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        switch (body) {
            case ApiRequest.Body.Empty e -> {
            }
            case ApiRequest.Body.Json j -> {
                for (String key : new String[] {"identity", "password", "identityField"}) {
                    Object v = j.object().get(key);
                    if (v != null && !(v instanceof String)) {
                        throw new BadRequest(CollectionRoutes.LOAD_FAILED);
                    }
                }
                out.putAll(j.object());
            }
            case ApiRequest.Body.Form f -> f.values().forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.getFirst()));
        }
        return out;
    }

    private static String text(Map<String, Object> body, String key) {
        return body.get(key) instanceof String s ? s : "";
    }
}
