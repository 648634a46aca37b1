package dev.locket.adapters.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.locket.adapters.http.AuthFlowPorts;
import dev.locket.adapters.http.HttpConfig;
import dev.locket.adapters.http.HttpPorts;
import dev.locket.adapters.http.server.LocketHttpServer;
import dev.locket.application.fake.MutableSettings;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthWithOtp;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.auth.ConfirmEmailChange;
import dev.locket.application.port.in.auth.ConfirmPasswordReset;
import dev.locket.application.port.in.auth.ConfirmVerification;
import dev.locket.application.port.in.auth.Impersonate;
import dev.locket.application.port.in.auth.ListAuthMethods;
import dev.locket.application.port.in.auth.RequestEmailChange;
import dev.locket.application.port.in.auth.RequestOtp;
import dev.locket.application.port.in.auth.RequestPasswordReset;
import dev.locket.application.port.in.auth.RequestVerification;
import dev.locket.application.port.in.auth.SendTestEmail;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.in.record.BatchRecords;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import dev.locket.domain.error.MfaRequired;
import dev.locket.domain.error.TooManyRequests;
import dev.locket.domain.settings.RateLimitRule;
import dev.locket.domain.settings.RateLimitsConfig;
import dev.locket.domain.settings.TrustedProxyConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The auth flow routes over HTTP with mocked ports: wire shapes, MFA's bare 401, rate limits. */
class AuthFlowRoutesIT {
    final AuthWithPassword password = mock(AuthWithPassword.class);
    final Authenticate authenticate = mock(Authenticate.class);
    final RequestOtp requestOtp = mock(RequestOtp.class);
    final AuthWithOtp authWithOtp = mock(AuthWithOtp.class);
    final RequestPasswordReset reset = mock(RequestPasswordReset.class);
    final Impersonate impersonate = mock(Impersonate.class);
    final MutableSettings settings = new MutableSettings();
    LocketHttpServer server;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        when(authenticate.authenticate(anyString())).thenReturn(Optional.empty());
        AuthFlowPorts flows = new AuthFlowPorts(mock(ListAuthMethods.class), requestOtp, authWithOtp,
                mock(RequestVerification.class), mock(ConfirmVerification.class), reset,
                mock(ConfirmPasswordReset.class), mock(RequestEmailChange.class), mock(ConfirmEmailChange.class),
                impersonate, mock(SendTestEmail.class), settings);
        HttpPorts ports = HttpPorts.builder()
                .records(mock(ListRecords.class), mock(ViewRecord.class), mock(CreateRecord.class),
                        mock(UpdateRecord.class), mock(DeleteRecord.class))
                .collections(mock(ManageCollections.class))
                .auth(password, mock(AuthRefresh.class), authenticate)
                .batch(mock(BatchRecords.class))
                .authFlows(flows)
                .build();
        server = LocketHttpServer.start(new HttpConfig("127.0.0.1", 0), ports, null);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void firstFactorOfMfaAnswersTheBareMfaIdObject() throws Exception {
        when(password.authWithPassword(any())).thenThrow(new MfaRequired("mfa123456789012"));

        HttpResponse<String> r = post("/api/collections/users/auth-with-password?mfaId=fromquery",
                "{\"identity\":\"a@b.c\",\"password\":\"x\",\"mfaId\":\"frombody\"}");

        assertEquals(401, r.statusCode());
        assertEquals("{\"mfaId\":\"mfa123456789012\"}", r.body());
        ArgumentCaptor<AuthWithPassword.Command> cmd = ArgumentCaptor.forClass(AuthWithPassword.Command.class);
        verify(password).authWithPassword(cmd.capture());
        assertEquals("fromquery", cmd.getValue().mfaId(), "the query wins over the body");
        assertEquals("127.0.0.1", cmd.getValue().clientIp());
    }

    @Test
    void requestOtpAnswersTheIdAndOtpLimiterIs429() throws Exception {
        when(requestOtp.requestOtp(any())).thenReturn("otp000000000001");
        assertEquals("{\"otpId\":\"otp000000000001\"}", post("/api/collections/users/request-otp",
                "{\"email\":\"a@b.c\"}").body());

        when(authWithOtp.authWithOtp(any())).thenThrow(new TooManyRequests(
                "Too many attempts, please try again later with a new OTP."));
        HttpResponse<String> r = post("/api/collections/users/auth-with-otp", "{\"otpId\":\"x\",\"password\":\"y\"}");
        assertEquals(429, r.statusCode());
        assertEquals("{\"data\":{},\"message\":\"Too many attempts, please try again later with a new OTP.\","
                + "\"status\":429}", r.body());
    }

    @Test
    void nonStringBodyValuesAreUnreadableAndImpersonateReadsTheDuration() throws Exception {
        HttpResponse<String> bad = post("/api/collections/users/request-password-reset", "{\"email\":123}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("An error occurred while loading the submitted data."), bad.body());

        post("/api/collections/users/impersonate/abc", "{\"duration\":100}");
        ArgumentCaptor<Impersonate.Command> cmd = ArgumentCaptor.forClass(Impersonate.Command.class);
        verify(impersonate).impersonate(cmd.capture());
        assertEquals(100, cmd.getValue().duration());
        assertEquals("abc", cmd.getValue().recordId());
    }

    @Test
    void rateLimitRulesFromTheSettingsAnswer429() throws Exception {
        List<RateLimitRule> rules = List.of(new RateLimitRule("*:requestPasswordReset", "", 60, 2),
                new RateLimitRule("/api/", "@auth", 60, 100));
        settings.update(s -> s.withRateLimits(new RateLimitsConfig(rules, List.of(), true)));

        for (int i = 0; i < 2; i++) {
            assertEquals(204, post("/api/collections/users/request-password-reset", "{\"email\":\"a@b.c\"}")
                    .statusCode());
        }
        HttpResponse<String> limited = post("/api/collections/users/request-password-reset", "{\"email\":\"a@b.c\"}");
        assertEquals(429, limited.statusCode());
        assertEquals("{\"data\":{},\"message\":\"Too Many Requests.\",\"status\":429}", limited.body());
        verify(reset, org.mockito.Mockito.times(2)).requestPasswordReset(any());
        // another collection's counter is separate; the @auth-only path rule does not apply to guests
        assertEquals(204, post("/api/collections/clients/request-password-reset", "{\"email\":\"a@b.c\"}")
                .statusCode());
    }

    HttpResponse<String> postAs(String path, String json, String header, String value) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void superuserTokensFromOtherIpsAreRefusedWhenAWhitelistIsSet() throws Exception {
        var superusers = new dev.locket.domain.collection.BaseCollection("pbc_3142635823", "_superusers", true,
                List.of(), dev.locket.domain.collection.CollectionRules.locked(), List.of(), "", "");
        when(authenticate.authenticate("su-token")).thenReturn(Optional.of(
                new dev.locket.domain.record.Record(superusers, Map.of("id", "su0000000000000"))));
        settings.update(s -> s.withSuperuserIPs(List.of("10.0.0.0/8")));

        HttpResponse<String> r = postAs("/api/collections/users/impersonate/abc", "{}", "Authorization", "su-token");

        assertEquals(403, r.statusCode());
        assertEquals("{\"data\":{},\"message\":\"You are not allowed to perform this request.\",\"status\":403}",
                r.body());
        org.mockito.Mockito.verifyNoInteractions(impersonate);
        // guests are not affected
        when(requestOtp.requestOtp(any())).thenReturn("otp000000000001");
        assertEquals(200, post("/api/collections/users/request-otp", "{\"email\":\"a@b.c\"}").statusCode());
    }

    @Test
    void trustedProxyHeadersGiveTheClientIpForLimitsAndRoutes() throws Exception {
        settings.update(s -> s.withTrustedProxy(new TrustedProxyConfig(List.of("X-Real-Ip"), false))
                .withRateLimits(new RateLimitsConfig(List.of(new RateLimitRule("*:authWithOTP", "", 60, 1)),
                        List.of(), true)));
        String body = "{\"otpId\":\"x\",\"password\":\"y\"}";
        var users = new dev.locket.domain.collection.BaseCollection("_pb_users_auth_", "users", false, List.of(),
                dev.locket.domain.collection.CollectionRules.locked(), List.of(), "", "");
        when(authWithOtp.authWithOtp(any())).thenReturn(new dev.locket.application.port.in.auth.AuthResult("tok",
                new dev.locket.domain.record.Record(users, Map.of("id", "u00000000000000"))));

        assertEquals(200, postAs("/api/collections/users/auth-with-otp", body, "X-Real-Ip", "unknown, 1.1.1.1")
                .statusCode());
        assertEquals(200, postAs("/api/collections/users/auth-with-otp", body, "X-Real-Ip", "2.2.2.2").statusCode());
        assertEquals(429, postAs("/api/collections/users/auth-with-otp", body, "X-Real-Ip", "1.1.1.1").statusCode());

        ArgumentCaptor<AuthWithOtp.Command> cmd = ArgumentCaptor.forClass(AuthWithOtp.Command.class);
        verify(authWithOtp, org.mockito.Mockito.times(2)).authWithOtp(cmd.capture());
        assertEquals(List.of("1.1.1.1", "2.2.2.2"), cmd.getAllValues().stream().map(AuthWithOtp.Command::clientIp).toList());
    }

    @Test
    void disabledRateLimitsNeverLimit() throws Exception {
        List<RateLimitRule> rules = List.of(new RateLimitRule("*:requestPasswordReset", "", 60, 1));
        settings.update(s -> s.withRateLimits(new RateLimitsConfig(rules, List.of(), false)));
        for (int i = 0; i < 3; i++) {
            assertEquals(204, post("/api/collections/users/request-password-reset", "{\"email\":\"a@b.c\"}")
                    .statusCode());
        }
    }
}
