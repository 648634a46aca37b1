package dev.locket.adapters.http.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.locket.adapters.http.HttpConfig;
import dev.locket.adapters.http.HttpPorts;
import dev.locket.adapters.http.server.LocketHttpServer;
import dev.locket.adapters.http.support.ApiErrors;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import io.helidon.http.HeaderNames;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1 wire as PocketBase's Go server speaks it, checked byte for byte on raw sockets:
 * HTTP/1.0 (nginx's default upstream protocol), RFC 9112 message framing, connection closing and the
 * one canonical spelling of every request target.
 */
class WireProtocolIT {
    static LocketHttpServer server;
    static int port;

    @BeforeAll
    static void start() {
        HttpPorts ports = HttpPorts.builder()
                .records(mock(ListRecords.class), mock(ViewRecord.class), mock(CreateRecord.class),
                        mock(UpdateRecord.class), mock(DeleteRecord.class))
                .collections(mock(ManageCollections.class))
                .auth(mock(AuthWithPassword.class), mock(AuthRefresh.class), mock(Authenticate.class))
                .build();
        server = LocketHttpServer.start(new HttpConfig("127.0.0.1", 0), ports, routes -> routes
                .get("/hello", (req, res) -> res.send("hi"))
                .get("/host", (req, res) -> res.send(req.headers().first(HeaderNames.HOST).orElse("<none>")))
                .post("/echo", (req, res) -> {
                    byte[] body = req.content().inputStream().readAllBytes();
                    res.send(body.length + ":" + new String(body, StandardCharsets.UTF_8));
                })
                .get("/stream", (req, res) -> {
                    try (OutputStream out = res.outputStream()) {
                        for (String part : new String[] {"part1", "part2", "part3"}) {
                            out.write(part.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                }));
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static String body(String response) {
        int at = response.indexOf("\r\n\r\n");
        return at < 0 ? "" : response.substring(at + 4);
    }

    static String envelope(int status, String message) {
        return "{\"data\":{},\"message\":\"" + message + "\",\"status\":" + status + "}";
    }

    // ---- HTTP/1.0 ---------------------------------------------------------------------------

    @Test
    void http10WithoutHostIsAnsweredIn10AndTheConnectionClosed() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "GET /api/health HTTP/1.0\r\n\r\n", 5000);
        assertTrue(r.text().startsWith("HTTP/1.0 200 OK\r\n"), r.text());
        assertTrue(body(r.text()).contains("\"message\":\"API is healthy.\""), r.text());
        assertFalse(r.text().toLowerCase().contains("transfer-encoding"), r.text());
        assertFalse(r.text().toLowerCase().contains("connection: keep-alive"), r.text());
        assertTrue(r.closed(), "an HTTP/1.0 connection without keep-alive ends after the response");
    }

    @Test
    void http10WithHostAndAContentLengthBodyReachesTheRoute() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "POST /echo HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\n"
                + "Content-Type: text/plain\r\n\r\nhello world", 5000);
        assertTrue(r.text().startsWith("HTTP/1.0 200 OK\r\n"), r.text());
        assertEquals("11:hello world", body(r.text()));
        assertTrue(r.closed());
    }

    @Test
    void http10KeepAliveAskedKeepsTheConnectionWhenTheLengthIsKnown() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            for (int i = 0; i < 3; i++) {
                s.getOutputStream().write("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String response = RawHttp.readOne(s);
                assertTrue(response.startsWith("HTTP/1.0 200 OK\r\n"), response);
                assertTrue(response.contains("\r\nConnection: keep-alive\r\n"), response);
                assertEquals("hi", body(response));
            }
        }
    }

    @Test
    void http10StreamedBodyIsSentUnchunkedAndEndedByClosing() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 5000);
        assertTrue(r.text().startsWith("HTTP/1.0 200 OK\r\n"), r.text());
        assertFalse(r.text().toLowerCase().contains("transfer-encoding"), r.text());
        assertFalse(r.text().toLowerCase().contains("keep-alive"), r.text());
        assertEquals("part1part2part3", body(r.text()));
        assertTrue(r.closed(), "a body of unknown length to an HTTP/1.0 client is delimited by closing");
    }

    @Test
    void http10HeadAndTransferEncodingAreHandledAsGoDoes() throws Exception {
        RawHttp.Reply head = RawHttp.send(port, "HEAD /api/health HTTP/1.0\r\n\r\n", 5000);
        assertTrue(head.text().startsWith("HTTP/1.0 200 OK\r\n"), head.text());
        assertEquals("", body(head.text()));
        assertTrue(head.closed());
        // Go ignores Transfer-Encoding from a 1.0 client: the Content-Length frames the body
        RawHttp.Reply te = RawHttp.send(port, "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Length: 3\r\n\r\nabc", 5000);
        assertEquals("3:abc", body(te.text()), te.text());
        assertTrue(te.closed());
    }

    @Test
    void http11StreamsStayChunked() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000);
        assertTrue(r.text().startsWith("HTTP/1.1 200 OK\r\n"), r.text());
        assertTrue(r.text().contains("Transfer-Encoding: chunked"), r.text());
        assertTrue(r.closed());
    }

    // ---- RFC 9112 framing -------------------------------------------------------------------

    static final String PIPELINED = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";

    @Test
    void twoDifferentContentLengthsAre400AndCloseWithoutServingWhatFollows() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                + "Content-Length: 6\r\n\r\nhello!" + PIPELINED, 5000);
        assertTrue(r.text().startsWith("HTTP/1.1 400 Bad Request\r\n"), r.text());
        assertTrue(r.text().endsWith(envelope(400, ApiErrors.GENERIC)), r.text());
        assertEquals(1, r.count("HTTP/1.1 "), r.text());
        assertTrue(r.closed());
    }

    @Test
    void repeatedIdenticalContentLengthIsOneLength() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                + "Content-Length: 5\r\nConnection: close\r\n\r\nhello", 5000);
        assertEquals("5:hello", body(r.text()), r.text());
    }

    @Test
    void chunkedWithContentLengthIs400AndPipelinedBytesAreNeverServed() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + PIPELINED, 5000);
        assertTrue(r.text().startsWith("HTTP/1.1 400 Bad Request\r\n"), r.text());
        assertEquals(1, r.count("HTTP/1.1 "), r.text());
        assertFalse(r.text().contains("\r\n\r\nhi"), r.text());
        assertTrue(r.closed());
    }

    @Test
    void unknownTransferCodingsAre501NotAFallbackToContentLength() throws Exception {
        for (String coding : new String[] {"xchunked", "gzip, chunked", "chunked, identity"}) {
            RawHttp.Reply r = RawHttp.send(port, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding
                    + "\r\nContent-Length: 5\r\n\r\nhello" + PIPELINED, 5000);
            assertTrue(r.text().startsWith("HTTP/1.1 501 Not Implemented\r\n"), coding + " -> " + r.text());
            assertEquals(1, r.count("HTTP/1.1 "), r.text());
            assertTrue(r.closed());
        }
        RawHttp.Reply twice = RawHttp.send(port, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 5000);
        assertTrue(twice.text().startsWith("HTTP/1.1 501 "), twice.text());
    }

    @Test
    void chunkedBodiesWithExtensionsAndTrailersAreReadAndPipeliningStillWorks() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
                + "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000);
        assertEquals(2, r.count("HTTP/1.1 200 OK"), r.text());
        assertTrue(r.text().contains("11:hello world"), r.text());
        assertTrue(r.text().endsWith("hi"), r.text());
        assertTrue(r.closed());
    }

    @Test
    void connectionCloseClosesTheSocketRightAfterTheResponse() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000);
        assertTrue(r.text().startsWith("HTTP/1.1 200 OK\r\n"), r.text());
        assertTrue(r.closed(), "still open 5 s after a Connection: close response");
        assertTrue(r.millisToClose() < 2000, r.millisToClose() + " ms");
        // also when the route never read the body the client sent along
        RawHttp.Reply unread = RawHttp.send(port, "POST /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Length: 30\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n", 5000);
        assertEquals(1, unread.count("HTTP/1.1 "), unread.text());
        assertTrue(unread.closed());
    }

    @Test
    void http11RequestsNeedOneHost() throws Exception {
        RawHttp.Reply none = RawHttp.send(port, "GET /hello HTTP/1.1\r\n\r\n", 5000);
        assertTrue(none.text().startsWith("HTTP/1.1 400 "), none.text());
        RawHttp.Reply two = RawHttp.send(port, "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 5000);
        assertTrue(two.text().startsWith("HTTP/1.1 400 "), two.text());
    }

    @Test
    void otherProtocolVersionsAndGarbageAreRefused() throws Exception {
        assertTrue(RawHttp.send(port, "GET /hello HTTP/2.0\r\nHost: x\r\n\r\n", 5000).text()
                .startsWith("HTTP/1.1 505 "));
        assertTrue(RawHttp.send(port, "hello there\r\n\r\n", 5000).text().startsWith("HTTP/1.1 400 "));
        assertTrue(RawHttp.send(port, "GET /hello HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 5000).text()
                .startsWith("HTTP/1.1 400 "));
        assertTrue(RawHttp.send(port, "GET /hello HTTP/1.1\r\nHost : x\r\n\r\n", 5000).text()
                .startsWith("HTTP/1.1 400 "));
    }

    // ---- request targets --------------------------------------------------------------------

    @Test
    void percentEncodedUnreservedCharactersAreTheSameRoute() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "GET /%61pi/he%61lth HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000);
        assertTrue(r.text().startsWith("HTTP/1.1 200 OK"), r.text());
    }

    @Test
    void dotAndEmptySegmentsAreNotFoundRatherThanResolved() throws Exception {
        // Helidon would serve /api/health for each; Go would redirect there (a DELETE replayed elsewhere)
        for (String target : new String[] {"/api/x/../health", "//api/health", "/api//health?a=1", "/api/./health",
                "/api/%2e%2e/api/health"}) {
            RawHttp.Reply r = RawHttp.send(port, "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n", 5000);
            assertTrue(r.text().startsWith("HTTP/1.1 404 Not Found\r\n"), target + " -> " + r.text());
            assertTrue(r.text().endsWith(envelope(404, ApiErrors.defaultMessage(404))), r.text());
        }
    }

    @Test
    void pathParametersAndEncodedSlashesMatchNoRoute() throws Exception {
        for (String target : new String[] {"/api/health;x", "/api%2Fhealth", "/hello;jsessionid=1"}) {
            RawHttp.Reply r = RawHttp.send(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000);
            assertTrue(r.text().startsWith("HTTP/1.1 404 "), target + " -> " + r.text());
            assertTrue(body(r.text()).contains("\"status\":404"), r.text());
        }
    }

    @Test
    void aTargetNoRouteMatchesKeepsTheConnectionAndItsBodyIsSkippedNotServed() throws Exception {
        // Go answers it from the router and reads the unread body before the next request; the body
        // here is itself a request, which must not be served
        String smuggled = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
        String chunk = Integer.toHexString(smuggled.length()) + "\r\n" + smuggled + "\r\n0\r\n\r\n";
        RawHttp.Reply r = RawHttp.send(port, "POST /api/collections/..%2Fetc/records HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: " + smuggled.length() + "\r\n\r\n" + smuggled
                + "HEAD /api/x/../health HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST //echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok", 5000);
        assertEquals(3, r.count("HTTP/1.1 404 Not Found\r\n"), r.text());
        assertEquals(2, r.count(envelope(404, ApiErrors.defaultMessage(404))), "no body after HEAD: " + r.text());
        assertEquals(0, r.count("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"), "the skipped body was served: " + r.text());
        assertTrue(r.text().endsWith("2:ok"), r.text());
        assertTrue(r.closed());

        // a body too large to skip, or one the client holds back until 100-continue, ends the connection
        RawHttp.Reply large = RawHttp.send(port, "POST /a/./b HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + (WireRequests.MAX_DISCARD + 1) + "\r\n\r\n", 5000);
        assertTrue(large.text().startsWith("HTTP/1.1 404 Not Found\r\n"), large.text());
        assertTrue(large.text().contains("Connection: close"), large.text());
        assertTrue(large.closed());
        RawHttp.Reply waiting = RawHttp.send(port, "POST /a/./b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                + "Expect: 100-continue\r\n\r\n", 5000);
        assertTrue(waiting.text().startsWith("HTTP/1.1 404 Not Found\r\n"), waiting.text());
        assertTrue(waiting.closed());
    }

    @Test
    void absoluteFormTargetsAreServedWithTheirAuthorityAsHost() throws Exception {
        RawHttp.Reply r = RawHttp.send(port, "GET http://example.com:9/host HTTP/1.1\r\nHost: other\r\n"
                + "Connection: close\r\n\r\n", 5000);
        assertTrue(r.text().startsWith("HTTP/1.1 200 OK"), r.text());
        assertEquals("example.com:9", body(r.text()));
    }
}
