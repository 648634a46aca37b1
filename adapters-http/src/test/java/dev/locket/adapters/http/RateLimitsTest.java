package dev.locket.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    static Map<String, Object> rule(String label, String audience) {
        return Map.of("label", label, "maxRequests", 5, "duration", 10, "audience", audience);
    }

    RateLimits limits = RateLimits.parse(Map.of("rateLimits", Map.of("enabled", true, "excludedIPs", List.of(),
            "rules", List.of(rule("*:auth", ""), rule("users:auth", "@guest"), rule("/api/batch", ""),
                    rule("/api/collections/", "@auth"), rule("/api/", ""), rule("POST /api/files/", "")))));

    String labelFor(String method, String path, String audience) {
        GuardFilter.RouteTags tags = GuardFilter.RouteTags.of(method, path);
        List<String> labels = new java.util.ArrayList<>(tags.labels(tags.collection(), tags.collection()));
        labels.add(method + " " + path);
        labels.add(path);
        return limits.find(labels, audience).map(RateLimits.Rule::label).orElse("none");
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
    void malformedRulesAreSkippedAndAMissingSectionIsOff() {
        RateLimits parsed = RateLimits.parse(Map.of("rateLimits", Map.of("enabled", true,
                "rules", List.of(Map.of("label", "x"), rule("ok", "")))));
        assertEquals(1, parsed.rules().size());
        assertTrue(!RateLimits.parse(Map.of()).enabled());
    }

    @Test
    void collectionLabelsNameTheCollectionByNameAndById() {
        GuardFilter.RouteTags tags = GuardFilter.RouteTags.of("POST", "/api/collections/USERS/auth-with-password");
        assertEquals("USERS", tags.collection());
        assertEquals(List.of("users:authWithPassword", "_pb_users_auth_:authWithPassword", "users:auth",
                "_pb_users_auth_:auth", "*:authWithPassword", "*:auth"), tags.labels("_pb_users_auth_", "users"));
        RateLimits byId = RateLimits.parse(Map.of("rateLimits", Map.of("enabled", true,
                "rules", List.of(rule("_pb_users_auth_:auth", "")))));
        assertEquals("_pb_users_auth_:auth", byId.find(tags.labels("_pb_users_auth_", "users"), "@guest")
                .map(RateLimits.Rule::label).orElse("none"));
    }

    @Test
    void recordRoutesGetCrudTags() {
        assertEquals(List.of("create"), GuardFilter.RouteTags.of("POST", "/api/collections/posts/records").tags());
        assertEquals(List.of("view"), GuardFilter.RouteTags.of("GET", "/api/collections/posts/records/abc").tags());
        assertEquals(List.of("file"), GuardFilter.RouteTags.of("GET", "/api/files/posts/abc/a.png").tags());
    }
}
