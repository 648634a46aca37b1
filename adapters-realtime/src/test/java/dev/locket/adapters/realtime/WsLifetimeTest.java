package dev.locket.adapters.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.hook.Hooks;
import dev.locket.application.service.realtime.RealtimeService;
import dev.locket.domain.record.Record;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket's lifetimes (issue 14 item 5) on a bare Helidon server with short timeouts: a socket closes
 * at its token's {@code exp} and after the idle timeout without a frame either way, and leaves the registry.
 */
class WsLifetimeTest {
    static final Record ALICE = Fixtures.authRecord(Fixtures.users(), "alice0000000000", "alice@example.com", "h");

    RealtimeService realtime;
    WebServer server;
    final HttpClient http = HttpClient.newHttpClient();

    /** Tokens are {@code x.<payload>.y}; any token with a payload is Alice's (expiry is the transport's job). */
    void start(Duration idle) {
        var collections = new InMemoryCollectionStore();
        var records = new InMemoryRecordStore();
        realtime = new RealtimeService(collections, records, new InMemoryTransactions(records, collections),
                new Hooks(), Clock.systemUTC(), new SplittableRandom(1));
        var adapter = new RealtimeAdapter(realtime, token -> token.split("\\.").length == 3 ? Optional.of(ALICE)
                : Optional.empty(), idle, Duration.ofMinutes(5));
        var builder = WebServer.builder().host("127.0.0.1").port(0).routing(adapter::routes);
        adapter.websocket(builder);
        server = builder.build().start();
    }

    @AfterEach
    void stop() {
        realtime.close();
        server.stop();
    }

    static String tokenExpiringIn(long seconds) {
        long exp = System.currentTimeMillis() / 1000 + seconds;
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        return "x." + payload + ".y";
    }

    /** Collects text frames and the close. */
    static final class Listener implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            messages.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }
    }

    WebSocket open(Listener l, String authorization) throws Exception {
        WebSocket.Builder b = http.newWebSocketBuilder();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + RealtimeAdapter.WS_PATH), l)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSilentSocketIsClosedAfterTheIdleTimeoutAndLeavesTheRegistry() throws Exception {
        start(Duration.ofMillis(500));
        Listener l = new Listener();
        long t0 = System.nanoTime();
        WebSocket ws = open(l, null);
        assertTrue(l.messages.poll(5, TimeUnit.SECONDS).contains("\"type\":\"connect\""));
        assertEquals(1, realtime.size());
        assertEquals("1000 idle timeout", l.closed.get(10, TimeUnit.SECONDS));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 450 && ms < 5000, "closed by the idle timeout: " + ms + " ms");
        ws.abort();
        awaitNoClients();
    }

    @Test
    void framesFromTheClientKeepASocketAlive() throws Exception {
        start(Duration.ofMillis(600));
        Listener l = new Listener();
        WebSocket ws = open(l, null);
        l.messages.poll(5, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < Duration.ofMillis(1500).toNanos()) {
            ws.sendText("{\"type\":\"ping\"}", true).get(5, TimeUnit.SECONDS);
            Thread.sleep(200);
        }
        assertTrue(!l.closed.isDone(), "pinged every 200 ms: still open after 1.5 s");
        ws.abort();
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpires() throws Exception {
        start(Duration.ofMinutes(5));
        Listener l = new Listener();
        WebSocket ws = open(l, tokenExpiringIn(1));
        String hello = l.messages.poll(5, TimeUnit.SECONDS);
        assertTrue(hello.contains("\"authenticated\":true"), hello);
        assertEquals("1008 auth token expired", l.closed.get(10, TimeUnit.SECONDS));
        ws.abort();
        awaitNoClients();
    }

    @Test
    void anAuthFrameMovesTheExpiryToTheNewToken() throws Exception {
        start(Duration.ofMinutes(5));
        Listener l = new Listener();
        WebSocket ws = open(l, null);
        l.messages.poll(5, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"auth\",\"token\":\"" + tokenExpiringIn(1) + "\"}", true).get(5, TimeUnit.SECONDS);
        assertTrue(l.messages.poll(5, TimeUnit.SECONDS).contains("authenticated"));
        assertEquals("1008 auth token expired", l.closed.get(10, TimeUnit.SECONDS));
        ws.abort();
    }

    private void awaitNoClients() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (realtime.size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, realtime.size(), "the closed socket's client is unregistered");
    }
}
