package dev.locket.adapters.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.settings.RateLimitRule;
import dev.locket.domain.settings.RateLimitsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    static RateLimitRule rule(String label, String audience) {
        return new RateLimitRule(label, audience, 10, 5);
    }

    RateLimitsConfig limits = new RateLimitsConfig(List.of(rule("*:auth", ""), rule("users:auth", "@guest"),
            rule("/api/batch", ""), rule("/api/collections/", "@auth"), rule("/api/", ""),
            rule("POST /api/files/", "")), List.of(), true);

    String labelFor(String method, String path, String audience) {
        GuardFilter.RouteTags tags = GuardFilter.RouteTags.of(method, path);
        List<String> labels = new java.util.ArrayList<>(tags.labels(tags.collection(), tags.collection()));
        labels.add(method + " " + path);
        labels.add(path);
        return limits.find(labels, audience).map(RateLimitRule::label).orElse("none");
    }

    @Test
    void collectionTagsComeFirstThenTheWildcardThenPaths() {
        assertEquals("users:auth", labelFor("POST", "/api/collections/users/auth-with-password", "@guest"));
        assertEquals("*:auth", labelFor("POST", "/api/collections/users/auth-with-password", "@auth"));
        assertEquals("*:auth", labelFor("POST", "/api/collections/clients/auth-with-otp", "@guest"));
    }

    @Test
    void pathRulesMatchExactlyOrByASlashPrefixInSettingsOrderForTheAudience() {
        assertEquals("/api/batch", labelFor("POST", "/api/batch", "@guest"));
        assertEquals("/api/collections/", labelFor("GET", "/api/collections/posts/records", "@auth"));
        assertEquals("/api/", labelFor("GET", "/api/collections/posts/records", "@guest"));
        assertEquals("POST /api/files/", labelFor("POST", "/api/files/token", "@guest"));
        assertEquals("none", labelFor("GET", "/_/index.html", "@guest"));
        assertEquals("/api/", labelFor("GET", "/api", "@guest"));
    }

    @Test
    void storedRulesApplyAsStoredAndLimitingIsOffByDefault() {
        // a stored row edited by hand can hold a rule validation would refuse; upstream applies it as it is
        // (a maxRequests 0 rule refuses every request it matches, which upstream's own API tests rely on)
        RateLimitsConfig stored = new RateLimitsConfig(List.of(new RateLimitRule("x", "", 0, 0), rule("ok", "")),
                List.of(), true);
        assertEquals(0, stored.find(List.of("x"), RateLimitRule.GUEST).orElseThrow().maxRequests());
        assertEquals("ok", stored.find(List.of("ok"), RateLimitRule.GUEST).orElseThrow().label());
        assertTrue(!RateLimitsConfig.DEFAULTS.enabled());
    }

    @Test
    void collectionLabelsNameTheCollectionByNameAndById() {
        GuardFilter.RouteTags tags = GuardFilter.RouteTags.of("POST", "/api/collections/USERS/auth-with-password");
        assertEquals("USERS", tags.collection());
        assertEquals(List.of("users:authWithPassword", "_pb_users_auth_:authWithPassword", "users:auth",
                "_pb_users_auth_:auth", "*:authWithPassword", "*:auth"), tags.labels("_pb_users_auth_", "users"));
        RateLimitsConfig byId = new RateLimitsConfig(List.of(rule("_pb_users_auth_:auth", "")), List.of(), true);
        assertEquals("_pb_users_auth_:auth", byId.find(tags.labels("_pb_users_auth_", "users"), RateLimitRule.GUEST)
                .map(RateLimitRule::label).orElse("none"));
    }

    @Test
    void recordRoutesGetCrudTags() {
        assertEquals(List.of("create"), GuardFilter.RouteTags.of("POST", "/api/collections/posts/records").tags());
        assertEquals(List.of("view"), GuardFilter.RouteTags.of("GET", "/api/collections/posts/records/abc").tags());
        assertEquals(List.of("file"), GuardFilter.RouteTags.of("GET", "/api/files/posts/abc/a.png").tags());
    }
}
