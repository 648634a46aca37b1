package dev.locket.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

    private static InputStream wire(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsBodyByContentLengthAndLeavesTheRest() throws IOException {
        InputStream in = wire("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                + "{\"a\":\"b\"} EXTRA");
        HttpResponse r = HttpResponse.read(in, "GET");
        assertEquals(200, r.status());
        assertEquals("{\"a\":\"b\"} E", r.text());
        assertEquals("application/json", r.headers().get("content-type"));
        assertEquals("XTRA", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void decodesChunkedBodyWithExtensionsAndTrailers() throws IOException {
        HttpResponse r = HttpResponse.read(wire("HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n"), "POST");
        assertEquals(400, r.status());
        assertEquals("hello, world", r.text());
    }

    @Test
    void readsUntilCloseWithoutLengthOrChunking() throws IOException {
        HttpResponse r = HttpResponse.read(wire("HTTP/1.1 500 Internal Server Error\nServer: x\n\nboom"), "GET");
        assertEquals(500, r.status());
        assertEquals("boom", r.text());
    }

    @Test
    void noContentAndHeadHaveNoBody() throws IOException {
        assertArrayEquals(new byte[0], HttpResponse.read(wire("HTTP/1.1 204 No Content\r\n\r\n"), "DELETE").body());
        assertArrayEquals(new byte[0],
                HttpResponse.read(wire("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"), "HEAD").body());
    }

    @Test
    void skipsInterimContinueResponse() throws IOException {
        HttpResponse r = HttpResponse.read(wire("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n"
                + "Content-Length: 2\r\n\r\nok"), "POST");
        assertEquals(201, r.status());
        assertEquals("ok", r.text());
    }

    @Test
    void statusLineWithoutReasonPhraseIsAccepted() throws IOException {
        assertEquals(404, HttpResponse.read(wire("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n"), "GET").status());
    }

    @Test
    void rejectsTruncatedAndMalformedResponses() {
        assertThrows(EOFException.class,
                () -> HttpResponse.read(wire("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"), "GET"));
        assertThrows(EOFException.class, () -> HttpResponse.read(wire(""), "GET"));
        assertThrows(IOException.class, () -> HttpResponse.read(wire("SSH-2.0-OpenSSH\r\n\r\n"), "GET"));
        assertThrows(EOFException.class, () -> HttpResponse.read(wire("HTTP/1.1 200 OK\r\nA: b\r\n"), "GET"));
    }

    @Test
    void requestCarriesBareTokenJsonTypeAndConnectionClose() {
        String get = new String(OneShotHttp.requestBytes("GET", "/api/x?perPage=20", "127.0.0.1:8090", "tok.en",
                null), StandardCharsets.ISO_8859_1);
        assertTrue(get.startsWith("GET /api/x?perPage=20 HTTP/1.1\r\n"));
        assertTrue(get.contains("\r\nAuthorization: tok.en\r\n"));
        assertTrue(get.contains("\r\nConnection: close\r\n"));
        assertTrue(get.contains("\r\nContent-Type: application/json\r\n"));
        assertFalse(get.contains("Content-Length"));
        assertTrue(get.endsWith("\r\n\r\n"));

        String post = new String(OneShotHttp.requestBytes("POST", "/r", "h:1", null,
                "{\"é\":1}".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertTrue(post.contains("\r\nContent-Length: 8\r\n\r\n{\"é\":1}"));
        assertFalse(post.contains("Authorization"));
    }
}
