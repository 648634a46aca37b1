package dev.locket.adapters.http.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestTargetTest {

    static RequestTarget of(String raw) {
        return RequestTarget.of(raw);
    }

    @Test
    void unreservedEscapesAreDecodedAndOthersUpperCased() {
        assertEquals(new RequestTarget.Serve("/api/collections/users/auth-with-password", null),
                of("/%61pi/collections/us%65rs/auth-with-p%61ssword"));
        assertEquals(new RequestTarget.Serve("/api/files/c/r/a%20b%3Fc.txt?x=%61", null),
                of("/api/files/c/r/a%20b%3fc.txt?x=%61"));
    }

    @Test
    void semicolonsStayInTheirSegment() {
        assertEquals(new RequestTarget.Serve("/api/collections/users/auth-with-password%3Bx", null),
                of("/api/collections/users/auth-with-password;x"));
    }

    @Test
    void emptyAndDotSegmentsAreRefusedNotResolved() {
        for (String raw : new String[] {"/api/collections/users/../users/auth-with-password",
                "//api/collections/users/./auth-with-password?a=b", "/api//", "/../..", "/a/b/..",
                "/api/%2E%2e/api/health", "/api/.%2e/health", "/api/x/."}) {
            assertEquals(new RequestTarget.Refuse(404), of(raw), raw);
        }
        assertEquals(new RequestTarget.Serve("/api/collections/", null), of("/api/collections/"));
        assertEquals(new RequestTarget.Serve("/api/files/c/r/a..b.txt", null), of("/api/files/c/r/a..b.txt"));
        assertEquals(new RequestTarget.Serve("/", null), of("/"));
    }

    @Test
    void encodedSeparatorsAndBadEscapesAreRefused() {
        assertEquals(new RequestTarget.Refuse(404), of("/api/collections/users%2Frecords/x"));
        assertEquals(new RequestTarget.Refuse(404), of("/api%5chealth"));
        assertEquals(new RequestTarget.Refuse(400), of("/api/%zz"));
        assertEquals(new RequestTarget.Refuse(400), of("/api/%4"));
        assertEquals(new RequestTarget.Refuse(400), of("api/health"));
        assertEquals(new RequestTarget.Refuse(400), of("ftp://host/x"));
        assertEquals(new RequestTarget.Refuse(400), of("http://user@host/x"));
    }

    @Test
    void absoluteFormBecomesOriginFormWithItsAuthority() {
        assertEquals(new RequestTarget.Serve("/api/health?x=1", "127.0.0.1:8090"),
                of("http://127.0.0.1:8090/api/health?x=1"));
        assertEquals(new RequestTarget.Serve("/", "example.com"), of("HTTPS://example.com"));
        assertEquals(new RequestTarget.Serve("/?q", "example.com"), of("http://example.com?q"));
        assertEquals(new RequestTarget.Serve("*", null), of("*"));
    }
}
