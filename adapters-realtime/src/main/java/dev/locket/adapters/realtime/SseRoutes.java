package dev.locket.adapters.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.realtime.RealtimeClients;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.realtime.RealtimeMessage;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * PocketBase's realtime wire protocol (realtime §2–§3): the SSE stream with {@code id:<clientId>} on every
 * message and the subscription POST. The stream's request thread (a virtual thread) is the client's writer.
 */
final class SseRoutes implements HttpService {
    private static final System.Logger LOG = System.getLogger(SseRoutes.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 8 * 1024 * 1024;
    /** Messages written per flush at most when several are queued. */
    private static final int MAX_BATCH = 64;

    private final RealtimeClients clients;
    private final Authenticate authenticate;
    private final Duration idleTimeout;
    private final Duration maxLifetime;

    SseRoutes(RealtimeClients clients, Authenticate authenticate, Duration idleTimeout, Duration maxLifetime) {
        this.clients = clients;
        this.authenticate = authenticate;
        this.idleTimeout = idleTimeout;
        this.maxLifetime = maxLifetime;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/realtime", this::stream);
        rules.post("/api/realtime", this::subscribe);
    }

    /**
     * Upstream's realtime connect: the connect hook wraps the whole stream (a handler's error is answered as
     * usual, nothing having been sent yet); each message, {@code PB_CONNECT} included, goes through the
     * message hook, and a handler's error there ends the stream as a failed write does upstream.
     */
    private void stream(ServerRequest req, ServerResponse res) {
        Optional<dev.locket.domain.record.Record> auth = Tokens.auth(authenticate,
                req.headers().first(HeaderNames.AUTHORIZATION).orElse(""));
        clients.serve(new RealtimeClients.Connect(Tokens.ip(req), Tokens.info(auth, "GET", req.headers()),
                idleTimeout, maxLifetime), (conn, idle, max) -> stream(res, conn, idle, max));
    }

    private static void stream(ServerResponse res, RealtimeClients.Connection conn, Duration idleTimeout,
                               Duration maxLifetime) {
        try {
            res.status(Status.OK_200);
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.header("X-Accel-Buffering", "no");
            String id = conn.id().value();
            try (OutputStream out = res.outputStream()) {
                Consumer<RealtimeMessage> writer = m -> write(out, id, m);
                conn.deliver(new RealtimeMessage("PB_CONNECT", "{\"clientId\":\"" + id + "\"}"), writer);
                out.flush();
                long deadline = System.nanoTime() + maxLifetime.toNanos();
                long lastSent = System.nanoTime();
                while (conn.isOpen()) {
                    long now = System.nanoTime();
                    long wait = Math.min(deadline - now, lastSent + idleTimeout.toNanos() - now);
                    if (wait <= 0) {
                        break; // idle timeout or max lifetime: the SDK reconnects
                    }
                    Optional<RealtimeMessage> m = conn.poll(Duration.ofNanos(wait));
                    if (m.isPresent()) {
                        // Under a backlog, write what is already queued and flush once: fewer chunks and syscalls.
                        int batch = 0;
                        boolean any = false;
                        do {
                            any |= conn.deliver(m.get(), writer);
                            m = ++batch < MAX_BATCH ? conn.poll(Duration.ZERO) : Optional.empty();
                        } while (m.isPresent());
                        if (any) {
                            out.flush();
                            lastSent = System.nanoTime();
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException gone) {
            // the client went away; unregistering is all there is to do
        } catch (RuntimeException refused) {
            // a message hook failed: upstream closes the connection (the SDK reconnects)
            LOG.log(System.Logger.Level.DEBUG, "realtime connection closed by a message hook: " + refused);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exact framing: no space after the colons, the client id as {@code id}; the caller flushes. */
    private static void write(OutputStream out, String id, RealtimeMessage m) {
        String frame = "id:" + id + "\nevent:" + m.name() + "\ndata:" + m.data() + "\n\n";
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void subscribe(ServerRequest req, ServerResponse res) {
        Body body = read(req);
        Optional<dev.locket.domain.record.Record> auth = Tokens.auth(authenticate,
                req.headers().first(HeaderNames.AUTHORIZATION).orElse(""));
        clients.subscribe(new RealtimeClients.Subscribe(body.clientId, body.subscriptions, auth, Tokens.ip(req),
                Tokens.info(auth, "POST", req.headers())));
        res.status(Status.NO_CONTENT_204).send();
    }

    private record Body(String clientId, List<String> subscriptions) {
    }

    /** JSON or form body; anything unreadable is upstream's generic 400. */
    private static Body read(ServerRequest req) {
        // the raw header, not Helidon's parse (which fails on a malformed type: a 500 instead of 400)
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").strip().toLowerCase(Locale.ROOT);
        byte[] bytes;
        try {
            bytes = req.content().hasEntity() ? req.content().inputStream().readNBytes(MAX_BODY + 1) : new byte[0];
        } catch (IOException | UncheckedIOException e) {
            throw new BadRequest(BadRequest.GENERIC, e);
        }
        if (bytes.length > MAX_BODY) {
            throw new BadRequest(BadRequest.GENERIC);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new Body("", List.of());
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return form(text);
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new BadRequest(BadRequest.GENERIC);
            }
            JsonNode id = node.get("clientId");
            String clientId = id == null || id.isNull() ? "" : requireText(id);
            List<String> subs = new ArrayList<>();
            JsonNode list = node.get("subscriptions");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw new BadRequest(BadRequest.GENERIC);
                }
                for (JsonNode item : list) {
                    subs.add(requireText(item));
                }
            }
            return new Body(clientId, subs);
        } catch (IOException e) {
            throw new BadRequest(BadRequest.GENERIC, e);
        }
    }

    private static String requireText(JsonNode node) {
        if (!node.isTextual()) {
            throw new BadRequest(BadRequest.GENERIC); // Go's decoder refuses a non-string into a string
        }
        return node.asText();
    }

    private static Body form(String text) {
        String clientId = "";
        List<String> subs = new ArrayList<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (key.equals("clientId") && clientId.isEmpty()) {
                clientId = value;
            } else if (key.equals("subscriptions")) {
                subs.add(value);
            }
        }
        return new Body(clientId, subs);
    }
}
