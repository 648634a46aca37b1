package dev.locket.adapters.http.auth;

import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.RequestIp;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
import dev.locket.application.port.in.auth.AuthWithOAuth2;
import dev.locket.application.port.in.auth.CompleteOAuth2Redirect;
import dev.locket.application.port.in.auth.GenerateAppleClientSecret;
import dev.locket.application.port.in.auth.ListOAuth2Providers;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OAuth2 code exchange, the provider redirect of the popup flow (auth.md §6.1, §6.2), Apple's client
 * secret helper and the catalogue of providers the dashboard offers.
 */
public final class OAuth2Routes implements HttpService {
    static final String SUCCESS_REDIRECT = "../_/#/auth/oauth2-redirect-success";
    static final String FAILURE_REDIRECT = "../_/#/auth/oauth2-redirect-failure";
    private static final List<String> TEXT_KEYS = List.of("provider", "code", "codeVerifier", "redirectURL",
            "redirectUrl");

    private final HttpContext ctx;

    public OAuth2Routes(HttpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/collections/{collection}/auth-with-oauth2", this::authWithOAuth2);
        rules.get("/api/oauth2-redirect", this::redirect);
        rules.post("/api/oauth2-redirect", this::redirect);
        rules.post("/api/settings/apple/generate-client-secret", this::appleClientSecret);
        // two segments after /api/collections, so no collection route can take it
        Routes.getOrHead(rules, "/api/collections/meta/oauth2-providers", this::providers);
    }

    /** A list of {@code {name, displayName, logo}}, as upstream's (its provider fields in this order). */
    private void providers(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (ListOAuth2Providers.Entry e : ctx.ports().oauth2().providers().listOAuth2Providers(r.info())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("displayName", e.displayName());
            m.put("logo", e.logo());
            out.add(m);
        }
        Responses.json(req, res, 200, out);
    }

    /** Superusers only; the guard (a route middleware upstream) answers before the body is read. */
    private void appleClientSecret(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        if (r.auth().isEmpty()) {
            throw new Unauthorized();
        }
        if (!r.info().isSuperuser()) {
            throw new Forbidden(Forbidden.NOT_ALLOWED);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            switch (r.body()) {
                case ApiRequest.Body.Empty e -> {
                }
                case ApiRequest.Body.Json j -> body.putAll(j.object());
                case ApiRequest.Body.Form f -> f.values().forEach((k, v) -> body.put(k, v.isEmpty() ? "" : v.getFirst()));
            }
        } catch (BadRequest e) {
            throw new BadRequest(BadRequest.LOAD_FAILED);
        }
        for (String key : List.of("clientId", "teamId", "keyId", "privateKey")) {
            if (body.get(key) != null && !(body.get(key) instanceof String)) {
                throw new BadRequest(BadRequest.LOAD_FAILED);
            }
        }
        Object duration = body.get("duration");
        long seconds;
        if (duration == null) {
            seconds = 0;
        } else if (duration instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            seconds = n.longValue();
        } else if (duration instanceof String text && text.matches("-?\\d{1,18}")) {
            seconds = Long.parseLong(text); // form values arrive as text
        } else {
            throw new BadRequest(BadRequest.LOAD_FAILED);
        }
        String secret = ctx.ports().oauth2().appleClientSecret().generate(new GenerateAppleClientSecret.Command(
                text(body, "clientId"), text(body, "teamId"), text(body, "keyId"), text(body, "privateKey"), seconds,
                r.info(body)));
        Responses.json(req, res, 200, Map.of("secret", secret));
    }

    private void authWithOAuth2(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = body(r);
        String redirectURL = text(body, "redirectURL");
        if (redirectURL.isEmpty()) {
            redirectURL = text(body, "redirectUrl"); // legacy spelling, used when the new one is empty
        }
        RecordBody.Builder createData = RecordBody.builder();
        if (body.get("createData") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> createData.put(String.valueOf(k), v));
        }
        AuthWithOAuth2.Result result = ctx.ports().oauth2().authWithOAuth2().authWithOAuth2(new AuthWithOAuth2.Command(
                r.pathParam("collection"), text(body, "provider"), text(body, "code"), text(body, "codeVerifier"),
                redirectURL, createData.build(), r.query("expand"), r.info(body), AuthFlowRoutes.mfaId(r, body),
                AuthFlowRoutes.clientIp(req)));
        // the meta as the auth request hook left it
        AuthFlowRoutes.sendAuth(req, res, result.auth());
    }

    /**
     * The body binds to a struct upstream: string keys must hold strings and {@code createData} an
     * object (a form may send it as JSON text); anything else is an unreadable body.
     */
    private static Map<String, Object> body(ApiRequest r) {
        AuthFlowRoutes.TextBody body = AuthFlowRoutes.readTextBody(r, TEXT_KEYS);
        Map<String, Object> out = body.values();
        Object createData = out.get("createData");
        if (body.form() && createData instanceof String s && !s.isBlank()) {
            Object parsed;
            try {
                parsed = Json.parse(s);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(BadRequest.LOAD_FAILED);
            }
            if (!(parsed instanceof Map<?, ?>)) {
                throw new BadRequest(BadRequest.LOAD_FAILED);
            }
            out.put("createData", parsed);
        } else if (!body.form() && createData != null && !(createData instanceof Map<?, ?>)) {
            throw new BadRequest(BadRequest.LOAD_FAILED);
        }
        return out;
    }

    /**
     * Hands the provider's callback to the waiting realtime client, then sends the browser to the
     * dashboard's success or failure page: 307 after a GET, 303 after a POST (so the browser follows
     * with a GET).
     */
    private void redirect(ServerRequest req, ServerResponse res) {
        boolean post = req.prologue().method().text().equals("POST");
        boolean ok;
        Map<String, String> values = new LinkedHashMap<>();
        try {
            if (post) {
                ApiRequest r = ApiRequest.of(req, ctx);
                switch (r.body()) {
                    case ApiRequest.Body.Empty e -> {
                    }
                    case ApiRequest.Body.Json j -> j.object().forEach((k, v) -> values.put(k,
                            v instanceof String s ? s : v == null ? "" : Json.write(v)));
                    case ApiRequest.Body.Form f -> f.values().forEach((k, v) -> values.put(k,
                            v.isEmpty() ? "" : v.getFirst()));
                }
            } else {
                for (String name : req.query().names()) {
                    List<String> all = req.query().all(name);
                    values.put(name, all.isEmpty() ? "" : all.getFirst());
                }
            }
            ok = ctx.ports().oauth2().redirect().completeRedirect(new CompleteOAuth2Redirect.Callback(
                    values.get("state"), values.get("code"), values.get("error"), values.get("user"),
                    RequestIp.of(req))); // the real IP, as the realtime client was bound to (upstream's RealIP)
        } catch (BadRequest unreadable) {
            ok = false;
        }
        res.status(post ? Status.SEE_OTHER_303 : Status.TEMPORARY_REDIRECT_307);
        res.header(HeaderNames.LOCATION, ok ? SUCCESS_REDIRECT : FAILURE_REDIRECT);
        res.send();
    }

    private static String text(Map<String, Object> body, String key) {
        return body.get(key) instanceof String s ? s : "";
    }
}
