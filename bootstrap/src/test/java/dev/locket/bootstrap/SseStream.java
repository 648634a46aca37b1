package dev.locket.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A plain SSE reader of {@code GET /api/realtime}: each message (id, event, data) is queued as it arrives, the
 * first one being upstream's {@code PB_CONNECT} that names the client id a subscription must carry.
 */
final class SseStream implements AutoCloseable {
    /** One message as the wire carried it. */
    record Message(String id, String event, String data) {
        private static final ObjectMapper JSON = new ObjectMapper();

        JsonNode json() throws IOException {
            return JSON.readTree(data);
        }
    }

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final List<String> rawLines = new ArrayList<>();
    private final HttpResponse<Stream<String>> response;
    final String clientId;

    SseStream(HttpClient http, String baseUrl) throws IOException, InterruptedException {
        response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/realtime")).build(),
                HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = response.body().iterator();
        Thread.ofVirtual().start(() -> {
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            try {
                while (lines.hasNext()) {
                    String line = lines.next();
                    synchronized (rawLines) {
                        rawLines.add(line);
                    }
                    if (line.isEmpty()) {
                        messages.add(new Message(id, event, data.toString()));
                        id = null;
                        event = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3);
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6);
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5));
                    }
                }
            } catch (RuntimeException closed) {
                // the stream was closed under the reader
            }
            messages.add(new Message(null, "EOF", ""));
        });
        Message connect = next(10);
        if (!"PB_CONNECT".equals(connect.event())) {
            throw new AssertionError("the first realtime message is not PB_CONNECT: " + connect);
        }
        clientId = connect.id();
        if (clientId == null || !clientId.equals(connect.json().get("clientId").asText())) {
            throw new AssertionError("PB_CONNECT names another client than its id: " + connect);
        }
    }

    HttpHeaders headers() {
        return response.headers();
    }

    /** The lines read so far, as the wire carried them. */
    List<String> rawLines() {
        synchronized (rawLines) {
            return List.copyOf(rawLines);
        }
    }

    /** The next message, waiting up to {@code seconds}; fails when none comes. */
    Message next(int seconds) throws InterruptedException {
        Message m = messages.poll(seconds, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no realtime message within " + seconds + " s");
        }
        return m;
    }

    /** Every message before the first one for {@code topic} (which is consumed), waiting up to 10 s. */
    List<Message> until(String topic) throws InterruptedException {
        List<Message> before = new ArrayList<>();
        for (Message m = next(10); !topic.equals(m.event()); m = next(10)) {
            if ("EOF".equals(m.event())) {
                throw new AssertionError("the stream ended before an event for " + topic + " came: " + before);
            }
            before.add(m);
        }
        return before;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
