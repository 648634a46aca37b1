package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locket.Locket;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Realtime on a real server: PocketBase's SSE protocol and the WebSocket transport, end to end. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeIT {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    Locket app;
    CompletableFuture<Integer> exit;
    String base;
    String token;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        String dir = tmp.resolve("pb_data").toString();
        assertEquals(0, Locket.create().start("superuser", "upsert", "rt@example.com", "rt-password-1", "--dir", dir));
        app = Locket.create();
        // Not on the common pool: serve() blocks, and the JDK's WebSocket client completes stages there
        // (one thread on a 2-core machine).
        exit = CompletableFuture.supplyAsync(() -> app.start("serve", "--http", "127.0.0.1:0", "--dir", dir),
                runnable -> Thread.ofVirtual().start(runnable));
        base = "http://127.0.0.1:" + app.awaitPort(30, TimeUnit.SECONDS);
        token = call("POST", "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"rt@example.com\",\"password\":\"rt-password-1\"}").body().get("token").asText();
        call("POST", "/api/collections", token, """
                {"name":"posts","type":"base","listRule":"","viewRule":"","createRule":"","updateRule":"","deleteRule":"",
                 "fields":[{"name":"title","type":"text"},{"name":"status","type":"text"}]}""");
        call("POST", "/api/collections", token, """
                {"name":"secrets","type":"base","listRule":null,"viewRule":null,
                 "fields":[{"name":"title","type":"text"}]}""");
        call("POST", "/api/collections", token, """
                {"name":"probes","type":"base","listRule":"","viewRule":"","createRule":"",
                 "fields":[{"name":"title","type":"text"}]}""");
    }

    @AfterAll
    void stop() throws Exception {
        app.stop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    record Reply(int status, JsonNode body) {
    }

    Reply call(String method, String path, String auth, String body) throws IOException, InterruptedException {
        return call(method, path, auth, body, Map.of());
    }

    Reply call(String method, String path, String auth, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        headers.forEach(b::header);
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(res.statusCode(), res.body().isEmpty() ? null : JSON.readTree(res.body()));
    }

    String create(String collection, String json) throws Exception {
        Reply r = call("POST", "/api/collections/" + collection + "/records", token, json);
        assertEquals(200, r.status(), String.valueOf(r.body()));
        return r.body().get("id").asText();
    }

    /** This server's SSE endpoint with the suite's subscribe and probe helpers. */
    final class SseClient implements AutoCloseable {
        final SseStream stream;
        final String clientId;

        SseClient() throws Exception {
            stream = new SseStream(http, base);
            clientId = stream.clientId;
        }

        SseStream.Message next() throws InterruptedException {
            return stream.next(10);
        }

        int subscribe(String auth, String... topics) throws Exception {
            Map<String, Object> body = Map.of("clientId", clientId, "subscriptions", List.of(topics));
            return call("POST", "/api/realtime", auth, JSON.writeValueAsString(body)).status();
        }

        /** Messages before the probe record's event (this client must subscribe to probes/*). */
        List<SseStream.Message> untilProbe() throws Exception {
            create("probes", "{\"title\":\"probe\"}");
            return stream.until("probes/*");
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    @Test
    void sseStreamsCreateUpdateDeleteToCollectionAndRecordSubscribers() throws Exception {
        try (SseClient sse = new SseClient()) {
            assertEquals("text/event-stream", sse.stream.headers().firstValue("Content-Type").orElse(""));
            assertEquals("no-store", sse.stream.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(List.of("id:" + sse.clientId, "event:PB_CONNECT",
                    "data:{\"clientId\":\"" + sse.clientId + "\"}", ""), sse.stream.rawLines().subList(0, 4));
            String id = create("posts", "{\"title\":\"one\"}");
            assertEquals(204, sse.subscribe(null, "posts/*", "posts/" + id, "probes/*"));
            call("PATCH", "/api/collections/posts/records/" + id, token, "{\"title\":\"two\"}");
            call("DELETE", "/api/collections/posts/records/" + id, token, null);

            List<SseStream.Message> seen = sse.untilProbe();
            assertEquals(4, seen.size(), seen.toString());
            assertEquals("posts/*", seen.get(0).event());
            assertEquals(sse.clientId, seen.get(0).id(), "every message carries the client id");
            assertEquals("update", seen.get(0).json().get("action").asText());
            assertEquals("two", seen.get(0).json().get("record").get("title").asText());
            assertEquals("posts/" + id, seen.get(1).event());
            assertEquals("delete", seen.get(3).json().get("action").asText());
            assertEquals("two", seen.get(3).json().get("record").get("title").asText());
        }
    }

    @Test
    void sseFilteredSubscriptionsAndRulesDecidePerSubscriber() throws Exception {
        String filtered = "posts/*?options=" + URLEncoder.encode(
                "{\"query\":{\"filter\":\"status='live'\",\"fields\":\"title\"}}", StandardCharsets.UTF_8);
        try (SseClient guest = new SseClient(); SseClient su = new SseClient()) {
            assertEquals(204, guest.subscribe(null, filtered, "secrets/*", "probes/*"));
            assertEquals(204, su.subscribe(token, "secrets/*", "probes/*"));
            create("posts", "{\"title\":\"draft\",\"status\":\"draft\"}");
            create("posts", "{\"title\":\"live\",\"status\":\"live\"}");
            create("secrets", "{\"title\":\"classified\"}");

            List<SseStream.Message> forGuest = guest.untilProbe();
            assertEquals(1, forGuest.size(), forGuest.toString());
            assertEquals(filtered, forGuest.get(0).event());
            assertEquals("{\"action\":\"create\",\"record\":{\"title\":\"live\"}}", forGuest.get(0).data());
            List<SseStream.Message> forSu = su.untilProbe();
            assertEquals(1, forSu.size());
            assertEquals("classified", forSu.get(0).json().get("record").get("title").asText());
            assertEquals(204, guest.subscribe(token, "posts/*"), "a guest client may upgrade to an auth");
            assertEquals(403, su.subscribe(null, "posts/*"), "an auth-bound client refuses another auth");
        }
    }

    /**
     * Issue 14 item 4: a filter through a relation is decided per caller, with the related collection's list
     * rule applied as REST applies it. The superuser's "yes" is not reused for a user who cannot list Alice.
     */
    @Test
    void aFilterThroughARelationIsDecidedPerCallerAsRestDoes() throws Exception {
        Reply people = call("POST", "/api/collections", token, """
                {"name":"people","type":"auth","listRule":"id = @request.auth.id","viewRule":"id = @request.auth.id",
                 "fields":[{"name":"name","type":"text"}]}""");
        assertEquals(200, people.status(), String.valueOf(people.body()));
        Reply notes = call("POST", "/api/collections", token, """
                {"name":"notes","type":"base","listRule":"","viewRule":"",
                 "fields":[{"name":"title","type":"text"},
                           {"name":"author","type":"relation","maxSelect":1,"collectionId":"%s"}]}"""
                .formatted(people.body().get("id").asText()));
        assertEquals(200, notes.status(), String.valueOf(notes.body()));
        String alice = create("people", "{\"email\":\"alice@example.com\",\"password\":\"alice-pass-1\","
                + "\"passwordConfirm\":\"alice-pass-1\",\"name\":\"Alice\"}");
        create("people", "{\"email\":\"bob@example.com\",\"password\":\"bob-pass-12\","
                + "\"passwordConfirm\":\"bob-pass-12\",\"name\":\"Bob\"}");
        String bob = call("POST", "/api/collections/people/auth-with-password", null,
                "{\"identity\":\"bob@example.com\",\"password\":\"bob-pass-12\"}").body().get("token").asText();
        String byAlice = "notes/*?options=" + URLEncoder.encode(
                "{\"query\":{\"filter\":\"author.name = 'Alice'\"}}", StandardCharsets.UTF_8);
        try (SseClient su = new SseClient(); SseClient b = new SseClient(); SseClient su2 = new SseClient()) {
            assertEquals(204, su.subscribe(token, byAlice, "probes/*"));
            assertEquals(204, b.subscribe(bob, byAlice, "probes/*"));
            assertEquals(204, su2.subscribe(token, byAlice, "probes/*"));
            create("notes", "{\"title\":\"hello\",\"author\":\"" + alice + "\"}");
            assertEquals(1, su.untilProbe().size());
            assertEquals(0, b.untilProbe().size(), "Bob cannot list Alice, so her name must not match for him");
            assertEquals(1, su2.untilProbe().size());
        }
        Reply rest = call("GET", "/api/collections/notes/records?filter=" + URLEncoder.encode("author.name = 'Alice'",
                StandardCharsets.UTF_8), bob, null);
        assertEquals(0, rest.body().get("totalItems").asInt(), "REST hides it from Bob alike");
    }

    @Test
    void sseUnsubscribeStopsEventsAndReconnectGivesANewClient() throws Exception {
        String oldId;
        try (SseClient sse = new SseClient()) {
            oldId = sse.clientId;
            assertEquals(204, sse.subscribe(null, "posts/*", "probes/*"));
            create("posts", "{\"title\":\"heard\"}");
            assertEquals(1, sse.untilProbe().size());
            assertEquals(204, sse.subscribe(null, "probes/*"));
            create("posts", "{\"title\":\"not heard\"}");
            assertEquals(0, sse.untilProbe().size());
        }
        try (SseClient again = new SseClient()) {
            assertNotEquals(oldId, again.clientId);
            assertEquals(204, again.subscribe(null, "posts/*", "probes/*"));
            create("posts", "{\"title\":\"after reconnect\"}");
            assertEquals("after reconnect", again.untilProbe().get(0).json().get("record").get("title").asText());
        }
    }

    @Test
    void theEmbeddingApiPublishesCustomMessages() throws Exception {
        try (SseClient sse = new SseClient()) {
            assertEquals(204, sse.subscribe(null, "news"));
            assertEquals(1, app.publish("news", Map.of("headline", "hello")));
            SseStream.Message m = sse.next();
            assertEquals("news", m.event());
            assertEquals("{\"headline\":\"hello\"}", m.data());
        }
    }

    // ---- WebSocket ------------------------------------------------------------------------------

    /** A WebSocket client of this server, with the upgrade request's extra {@code headers}. */
    WsStream webSocket(Map<String, String> headers) throws Exception {
        return new WsStream(http, base, headers);
    }

    WsStream webSocket() throws Exception {
        return webSocket(Map.of());
    }

    /** Frames before the probe record's event (the socket must subscribe to probes/*). */
    List<JsonNode> untilProbe(WsStream ws) throws Exception {
        create("probes", "{\"title\":\"probe\"}");
        return ws.until("probes/*");
    }

    @Test
    void webSocketSubscribesReceivesTheSameEventsAndUnsubscribes() throws Exception {
        try (WsStream ws = webSocket()) {
            JsonNode hello = ws.next();
            assertEquals("connect", hello.get("type").asText());
            assertEquals(40, hello.get("clientId").asText().length());
            JsonNode ok = ws.send("{\"type\":\"subscribe\",\"id\":1,\"topics\":[\"posts/*\",\"probes/*\"]}");
            assertEquals("subscribed", ok.get("type").asText());
            assertEquals(1, ok.get("id").asInt());
            String id = create("posts", "{\"title\":\"ws\"}");
            List<JsonNode> seen = untilProbe(ws);
            assertEquals(1, seen.size());
            assertEquals("posts/*", seen.get(0).get("topic").asText());
            assertEquals("create", seen.get(0).get("data").get("action").asText());
            assertEquals(id, seen.get(0).get("data").get("record").get("id").asText());

            assertEquals("unsubscribed", ws.send("{\"type\":\"unsubscribe\",\"topics\":[\"posts/*\"]}")
                    .get("type").asText());
            create("posts", "{\"title\":\"unheard\"}");
            assertEquals(0, untilProbe(ws).size());
            assertEquals("pong", ws.send("{\"type\":\"ping\",\"id\":\"p\"}").get("type").asText());
        }
    }

    @Test
    void webSocketAuthenticatesAndRulesApply() throws Exception {
        try (WsStream guest = webSocket(); WsStream su = webSocket()) {
            guest.next();
            su.next();
            JsonNode bad = guest.send("{\"type\":\"auth\",\"token\":\"nope\"}");
            assertEquals("error", bad.get("type").asText());
            assertEquals(401, bad.get("status").asInt());
            assertEquals("authenticated", su.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}").get("type").asText());
            guest.send("{\"type\":\"subscribe\",\"topics\":[\"secrets/*\",\"probes/*\"]}");
            su.send("{\"type\":\"subscribe\",\"topics\":[\"secrets/*\",\"probes/*\"]}");
            create("secrets", "{\"title\":\"ws secret\"}");
            assertEquals(0, untilProbe(guest).size());
            List<JsonNode> forSu = untilProbe(su);
            assertEquals(1, forSu.size());
            assertEquals("ws secret", forSu.get(0).get("data").get("record").get("title").asText());
        }
    }

    /**
     * Issue 14 item 5: the WebSocket passes the HTTP guards. With superuserIPs set, a superuser token from
     * another IP is refused on the upgrade and in an auth frame; the trusted-proxy header gives the real IP.
     */
    @Test
    void webSocketPassesTheHttpGuardsSuperuserIpsAndTrustedProxy() throws Exception {
        Map<String, String> viaProxy = Map.of("X-Real-IP", "10.1.1.1");
        Reply set = call("PATCH", "/api/settings", token,
                "{\"trustedProxy\":{\"headers\":[\"X-Real-IP\"],\"useLeftmostIP\":false},\"superuserIPs\":[\"10.1.1.1\"]}");
        assertEquals(200, set.status(), String.valueOf(set.body()));
        try {
            try (WsStream direct = webSocket(Map.of("Authorization", token))) {
                JsonNode refused = direct.next();
                assertEquals("error", refused.get("type").asText(), refused.toString());
                assertEquals(403, refused.get("status").asInt());
                assertEquals(1008, direct.closed.get(10, TimeUnit.SECONDS));
            }
            try (WsStream proxied = webSocket(Map.of("Authorization", token, "X-Real-IP", "10.1.1.1"))) {
                assertTrue(proxied.next().get("authenticated").asBoolean(), "the proxy header's IP is whitelisted");
            }
            try (WsStream guest = webSocket()) {
                assertEquals("connect", guest.next().get("type").asText(), "guests are not affected");
                JsonNode auth = guest.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
                assertEquals(403, auth.get("status").asInt(), auth.toString());
            }
        } finally {
            Reply reset = call("PATCH", "/api/settings", token,
                    "{\"trustedProxy\":{\"headers\":[],\"useLeftmostIP\":false},\"superuserIPs\":[]}", viaProxy);
            assertEquals(200, reset.status(), String.valueOf(reset.body()));
        }
    }

    /**
     * Issue 14 item 5: WebSocket upgrades count against the rate limits like any request: past the rule's
     * budget an upgrade gets a 429 error frame then close 1008; superusers skip the configurable limits.
     */
    @Test
    void webSocketUpgradesCountAgainstTheRateLimits() throws Exception {
        JsonNode before = call("GET", "/api/settings", token, null).body().get("rateLimits");
        Reply set = call("PATCH", "/api/settings", token, "{\"rateLimits\":{\"enabled\":true,\"rules\":["
                + "{\"label\":\"GET /api/realtime/ws\",\"maxRequests\":1,\"duration\":60,\"audience\":\"\"}]}}");
        assertEquals(200, set.status(), String.valueOf(set.body()));
        try {
            try (WsStream first = webSocket()) {
                assertEquals("connect", first.next().get("type").asText());
            }
            try (WsStream second = webSocket()) {
                JsonNode refused = second.next();
                assertEquals("error", refused.get("type").asText(), refused.toString());
                assertEquals(429, refused.get("status").asInt());
                assertEquals(1008, second.closed.get(10, TimeUnit.SECONDS));
            }
            try (WsStream su = webSocket(Map.of("Authorization", token))) {
                assertTrue(su.next().get("authenticated").asBoolean(), "superusers skip the configurable limits");
            }
        } finally {
            Reply reset = call("PATCH", "/api/settings", token, "{\"rateLimits\":" + before + "}");
            assertEquals(200, reset.status(), String.valueOf(reset.body()));
        }
    }

    @Test
    void webSocketAnswersMalformedFramesWithErrorsAndRefusesBinary() throws Exception {
        try (WsStream ws = webSocket()) {
            ws.next();
            JsonNode notJson = ws.send("{nope");
            assertEquals("error", notJson.get("type").asText());
            assertEquals(400, notJson.get("status").asInt());
            assertTrue(notJson.get("message").asText().contains("not valid JSON"));
            JsonNode unknown = ws.send("{\"type\":\"dance\"}");
            assertTrue(unknown.get("message").asText().contains("Unknown message type"));
            JsonNode badTopics = ws.send("{\"type\":\"subscribe\",\"topics\":\"posts/*\"}");
            assertTrue(badTopics.get("message").asText().contains("\"topics\" must be an array of strings"));
            ws.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), true).get(5, TimeUnit.SECONDS);
            assertEquals(1003, ws.closed.get(10, TimeUnit.SECONDS));
        }
    }
}
