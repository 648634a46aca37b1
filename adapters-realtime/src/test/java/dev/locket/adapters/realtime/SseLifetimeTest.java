package dev.locket.adapters.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.hook.Hooks;
import dev.locket.application.service.realtime.RealtimeService;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SSE stream's framing and lifetimes (realtime §2) on a bare Helidon server with short timeouts. */
class SseLifetimeTest {
    RealtimeService realtime;
    WebServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        var collections = new InMemoryCollectionStore();
        var records = new InMemoryRecordStore();
        realtime = new RealtimeService(collections, records, new InMemoryTransactions(records, collections),
                new Hooks(), Clock.systemUTC(), new SplittableRandom(1));
        var adapter = new RealtimeAdapter(realtime, token -> Optional.empty(), Duration.ofMillis(400),
                Duration.ofMillis(3000));
        server = WebServer.builder().host("127.0.0.1").port(0).routing(adapter::routes).build().start();
    }

    @AfterEach
    void stop() {
        realtime.close();
        server.stop();
    }

    List<String> readAll() throws Exception {
        HttpResponse<java.util.stream.Stream<String>> res = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/realtime")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals("text/event-stream", res.headers().firstValue("content-type").orElse(""));
        assertEquals("no", res.headers().firstValue("x-accel-buffering").orElse(""));
        return res.body().toList();
    }

    @Test
    void aSilentStreamIsClosedAfterTheIdleTimeoutAndUnregistersTheClient() throws Exception {
        long start = System.nanoTime();
        List<String> lines = readAll();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 350 && ms < 2900, "closed by the idle timeout, not the lifetime: " + ms + " ms");
        String id = lines.get(0).substring(3);
        assertEquals(List.of("id:" + id, "event:PB_CONNECT", "data:{\"clientId\":\"" + id + "\"}", ""), lines);
        assertEquals(0, realtime.size());
    }

    @Test
    void aBusyStreamStillEndsAtTheMaximumLifetime() throws Exception {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> realtime.publish("tick", Map.of("n", 1)), 50, 100, TimeUnit.MILLISECONDS);
        try {
            long start = System.nanoTime();
            HttpResponse<java.util.stream.Stream<String>> res = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/realtime")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            var it = res.body().iterator();
            String id = it.next().substring(3);
            var post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/realtime"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("clientId=" + id + "&subscriptions=tick")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, post.statusCode());
            int ticks = 0;
            while (it.hasNext()) {
                if (it.next().equals("event:tick")) {
                    ticks++;
                }
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ticks >= 5, "ticks " + ticks + " kept the stream from idling");
            assertTrue(ms >= 2900 && ms < 8000, "closed after " + ms + " ms");
        } finally {
            ticker.shutdownNow();
        }
    }
}
