package dev.locket.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain WebSocket client of {@code /api/realtime/ws}, the WebSocket side of {@link SseStream}: each JSON text
 * frame is queued as it arrives, the close code the server sent completes {@link #closed}.
 */
final class WsStream implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    /** The close code of the server's close frame. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final WebSocket socket;

    /** Opens the socket with the upgrade request's extra {@code headers} (Authorization, a proxy's IP header). */
    WsStream(HttpClient http, String baseUrl, Map<String, String> headers) throws Exception {
        WebSocket.Builder b = http.newWebSocketBuilder();
        headers.forEach(b::header);
        socket = b.buildAsync(URI.create(baseUrl.replace("http", "ws") + "/api/realtime/ws"), this)
                .get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    /** The next frame, waiting up to 10 s; fails when none comes. */
    JsonNode next() throws InterruptedException {
        JsonNode m = messages.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no WebSocket message within 10 s");
        }
        return m;
    }

    /** Sends {@code text} and returns the next frame (the answer, when nothing else is pending). */
    JsonNode send(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        return next();
    }

    /** Every frame before the first event for {@code topic} (which is consumed). */
    List<JsonNode> until(String topic) throws InterruptedException {
        List<JsonNode> before = new ArrayList<>();
        for (JsonNode m = next(); !isEventFor(m, topic); m = next()) {
            before.add(m);
        }
        return before;
    }

    private static boolean isEventFor(JsonNode m, String topic) {
        return "event".equals(m.path("type").asText()) && topic.equals(m.path("topic").asText());
    }

    @Override
    public void close() {
        socket.abort();
    }
}
