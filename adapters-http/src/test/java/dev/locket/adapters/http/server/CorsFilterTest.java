package dev.locket.adapters.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code serve --origins} is matched as upstream's CORS middleware matches its allow-list. */
class CorsFilterTest {

    @Test
    void starAllowsEveryOriginAsStar() {
        assertEquals("*", new CorsFilter(List.of("*")).allowOrigin("https://any.example"));
    }

    @Test
    void exactOriginsAreEchoedAndCaseMatters() {
        CorsFilter cors = new CorsFilter(List.of("https://app.example", "http://localhost:5173"));
        assertEquals("https://app.example", cors.allowOrigin("https://app.example"));
        assertEquals("http://localhost:5173", cors.allowOrigin("http://localhost:5173"));
        assertEquals("", cors.allowOrigin("https://APP.example"));
        assertEquals("", cors.allowOrigin("http://app.example"), "the scheme is part of the origin");
        assertEquals("", cors.allowOrigin("https://evil.example"));
    }

    @Test
    void subdomainWildcardsAndPatterns() {
        CorsFilter cors = new CorsFilter(List.of("https://*.example.com", "http://localhost:30??"));
        assertEquals("https://a.example.com", cors.allowOrigin("https://a.example.com"));
        assertEquals("https://a.b.example.com", cors.allowOrigin("https://a.b.example.com"));
        assertEquals("", cors.allowOrigin("http://a.example.com"));
        assertEquals("", cors.allowOrigin("https://example.org"));
        assertEquals("http://localhost:3001", cors.allowOrigin("http://localhost:3001"));
        assertEquals("", cors.allowOrigin("http://localhost:4001"));
    }
}
