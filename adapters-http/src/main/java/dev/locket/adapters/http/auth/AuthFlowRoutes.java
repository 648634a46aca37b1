package dev.locket.adapters.http.auth;

import dev.locket.adapters.http.AuthFlowPorts;
import dev.locket.adapters.http.record.RecordJson;
import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.RequestIp;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
import dev.locket.application.port.in.auth.AuthMethods;
import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.AuthWithOtp;
import dev.locket.application.port.in.auth.ConfirmEmailChange;
import dev.locket.application.port.in.auth.ConfirmPasswordReset;
import dev.locket.application.port.in.auth.ConfirmVerification;
import dev.locket.application.port.in.auth.Impersonate;
import dev.locket.application.port.in.auth.RequestEmailChange;
import dev.locket.application.port.in.auth.RequestOtp;
import dev.locket.application.port.in.auth.RequestPasswordReset;
import dev.locket.application.port.in.auth.RequestVerification;
import dev.locket.application.port.in.auth.SendTestEmail;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.NotFound;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The auth routes beyond password login (auth.md §4): auth-methods, OTP, verification, password
 * reset, email change, impersonation, and {@code POST /api/settings/test/email}.
 */
public final class AuthFlowRoutes implements HttpService {

    private final HttpContext ctx;

    public AuthFlowRoutes(HttpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        String base = "/api/collections/{collection}/";
        Routes.getOrHead(rules, base + "auth-methods", guarded(this::authMethods));
        rules.post(base + "request-otp", guarded(this::requestOtp));
        rules.post(base + "auth-with-otp", guarded(this::authWithOtp));
        rules.post(base + "request-verification", guarded(this::requestVerification));
        rules.post(base + "confirm-verification", guarded(this::confirmVerification));
        rules.post(base + "request-password-reset", guarded(this::requestPasswordReset));
        rules.post(base + "confirm-password-reset", guarded(this::confirmPasswordReset));
        rules.post(base + "request-email-change", guarded(this::requestEmailChange));
        rules.post(base + "confirm-email-change", guarded(this::confirmEmailChange));
        rules.post(base + "impersonate/{id}", guarded(this::impersonate));
        rules.post("/api/settings/test/email", guarded(this::testEmail));
    }

    /** Without the flow ports (some embedding tests) the routes do not exist. */
    private Handler guarded(Handler handler) {
        return (req, res) -> {
            if (ctx.ports().authFlows().isEmpty()) {
                throw new NotFound(NotFound.DEFAULT);
            }
            handler.handle(req, res);
        };
    }

    private AuthFlowPorts ports() {
        return ctx.ports().authFlows().orElseThrow();
    }

    private void authMethods(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Responses.json(req, res, 200, authMethodsJson(ports().authMethods().listAuthMethods(r.pathParam("collection"))));
    }

    /** auth.md §4.1 in upstream's struct order, with the legacy keys the older SDKs read after it. */
    static Map<String, Object> authMethodsJson(AuthMethods methods) {
        Map<String, Object> password = new LinkedHashMap<>();
        password.put("identityFields", methods.password().identityFields());
        password.put("enabled", methods.password().enabled());
        List<Map<String, Object>> providers = methods.oauth2().providers().stream()
                .map(p -> provider(p, p.logo())).toList();
        Map<String, Object> oauth2 = new LinkedHashMap<>();
        oauth2.put("providers", providers);
        oauth2.put("enabled", methods.oauth2().enabled());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("password", password);
        out.put("oauth2", oauth2);
        out.put("mfa", timed(methods.mfa()));
        out.put("otp", timed(methods.otp()));
        List<String> identities = methods.password().identityFields();
        out.put("authProviders", methods.oauth2().enabled()
                ? methods.oauth2().providers().stream().map(p -> provider(p, "")).toList() : null);
        out.put("usernamePassword", methods.password().enabled() && identities.contains("username"));
        out.put("emailPassword", methods.password().enabled() && identities.contains("email"));
        return out;
    }

    private static Map<String, Object> provider(AuthMethods.Provider p, String logo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("displayName", p.displayName());
        m.put("logo", logo);
        m.put("state", p.state());
        m.put("authURL", p.authURL());
        m.put("authUrl", p.authURL()); // the legacy spelling
        m.put("codeVerifier", p.codeVerifier());
        m.put("codeChallenge", p.codeChallenge());
        m.put("codeChallengeMethod", p.codeChallengeMethod());
        return m;
    }

    private static Map<String, Object> timed(AuthMethods.Timed t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", t.enabled());
        m.put("duration", t.durationSeconds());
        return m;
    }

    private void requestOtp(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = textBody(r, "email");
        String otpId = ports().requestOtp().requestOtp(new RequestOtp.Command(r.pathParam("collection"),
                text(body, "email"), r.info(body)));
        Responses.json(req, res, 200, Map.of("otpId", otpId));
    }

    private void authWithOtp(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = textBody(r, "otpId", "password", "mfaId");
        AuthResult result = ports().authWithOtp().authWithOtp(new AuthWithOtp.Command(r.pathParam("collection"),
                text(body, "otpId"), text(body, "password"), mfaId(r, body), clientIp(req), r.query("expand"),
                r.info(body)));
        sendAuth(req, res, result);
    }

    private void requestVerification(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = textBody(r, "email");
        ports().requestVerification().requestVerification(new RequestVerification.Command(
                r.pathParam("collection"), text(body, "email"), r.info(body)));
        Responses.noContent(res);
    }

    private void confirmVerification(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = textBody(r, "token");
        ports().confirmVerification().confirmVerification(new ConfirmVerification.Command(
                r.pathParam("collection"), text(body, "token"), r.info(body)));
        Responses.noContent(res);
    }

    private void requestPasswordReset(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = textBody(r, "email");
        ports().requestPasswordReset().requestPasswordReset(new RequestPasswordReset.Command(
                r.pathParam("collection"), text(body, "email"), r.info(body)));
        Responses.noContent(res);
    }

    private void confirmPasswordReset(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = textBody(r, "token", "password", "passwordConfirm");
        ports().confirmPasswordReset().confirmPasswordReset(new ConfirmPasswordReset.Command(
                r.pathParam("collection"), text(body, "token"), text(body, "password"),
                text(body, "passwordConfirm"), r.info(body)));
        Responses.noContent(res);
    }

    private void requestEmailChange(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = textBody(r, "newEmail");
        ports().requestEmailChange().requestEmailChange(new RequestEmailChange.Command(
                r.pathParam("collection"), text(body, "newEmail"), r.info(body)));
        Responses.noContent(res);
    }

    private void confirmEmailChange(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = textBody(r, "token", "password");
        ports().confirmEmailChange().confirmEmailChange(new ConfirmEmailChange.Command(
                r.pathParam("collection"), text(body, "token"), text(body, "password"), r.info(body)));
        Responses.noContent(res);
    }

    private void impersonate(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = Routes.bodyMap(r, BadRequest.LOAD_FAILED);
        long duration = switch (body.get("duration")) {
            case null -> 0L;
            case Number n -> n.longValue();
            case String s when s.isBlank() -> 0L;
            case String s -> parseLong(s);
            default -> throw new BadRequest(BadRequest.LOAD_FAILED);
        };
        AuthResult result = ports().impersonate().impersonate(new Impersonate.Command(r.pathParam("collection"),
                r.pathParam("id"), duration, r.query("expand"), r.info(body)));
        sendAuth(req, res, result);
    }

    private void testEmail(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = textBody(r, "email", "template", "collection");
        ports().testEmail().sendTestEmail(new SendTestEmail.Command(text(body, "email"), text(body, "template"),
                text(body, "collection"), r.info(body)));
        Responses.noContent(res);
    }

    static void sendAuth(ServerRequest req, ServerResponse res, AuthResult result) {
        // Upstream's struct order: "meta" (only when there is one), "record", "token".
        Map<String, Object> out = new LinkedHashMap<>();
        result.meta().ifPresent(meta -> out.put("meta", meta));
        out.put("record", RecordJson.toMap(result.record()));
        out.put("token", result.token());
        Responses.json(req, res, 200, out);
    }

    /** The pending MFA session: {@code ?mfaId=} first, then the body (auth.md §7). */
    static String mfaId(ApiRequest r, Map<String, Object> body) {
        String q = r.query("mfaId");
        return q.isEmpty() ? text(body, "mfaId") : q;
    }

    /** The client's real IP: the device fingerprint and the OTP attempt limiter key on it. */
    static String clientIp(ServerRequest req) {
        return RequestIp.of(req);
    }

    /**
     * Auth bodies bind to string fields upstream: form values are taken as sent, and a JSON value
     * of another type for one of {@code keys} makes the body unreadable.
     */
    static Map<String, Object> textBody(ApiRequest r, String... keys) {
        return readTextBody(r, List.of(keys)).values();
    }

    /** An auth body's values, and whether they came as a form (every value a text as sent). */
    record TextBody(Map<String, Object> values, boolean form) {
    }

    static TextBody readTextBody(ApiRequest r, List<String> keys) {
        ApiRequest.Body body;
        try {
            body = r.body();
        } catch (BadRequest e) {
            throw new BadRequest(BadRequest.LOAD_FAILED);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        switch (body) {
            case ApiRequest.Body.Empty e -> {
            }
            case ApiRequest.Body.Json j -> {
                for (String key : keys) {
                    Object v = j.object().get(key);
                    if (v != null && !(v instanceof String)) {
                        throw new BadRequest(BadRequest.LOAD_FAILED);
                    }
                }
                out.putAll(j.object());
            }
            case ApiRequest.Body.Form f -> f.values().forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.getFirst()));
        }
        return new TextBody(out, body instanceof ApiRequest.Body.Form);
    }

    static String text(Map<String, Object> body, String key) {
        return body.get(key) instanceof String s ? s : "";
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(BadRequest.LOAD_FAILED);
        }
    }
}
