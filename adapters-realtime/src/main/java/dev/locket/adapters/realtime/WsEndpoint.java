package dev.locket.adapters.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.locket.application.hook.HookResponse;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.realtime.RealtimeClients;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.realtime.RealtimeMessage;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One WebSocket connection speaking Locket's JSON realtime protocol (adapters-realtime README): the
 * same topics, options, rules and event payloads as SSE; subscribe/unsubscribe/auth/ping frames in, one
 * pump virtual thread moving queued events out.
 */
final class WsEndpoint implements WsListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Largest text message accepted (fragments joined). */
    static final int MAX_MESSAGE = 64 * 1024;
    /** Close code for a client that could not keep up (its queue overflowed). */
    static final int CLOSE_TOO_SLOW = WsCloseCodes.VIOLATED_POLICY;

    private final RealtimeClients clients;
    private final Authenticate authenticate;
    private final ConnectionGuard guard;
    private final Duration idleTimeout;
    private volatile Headers upgradeHeaders;
    private volatile String peer = "";
    /** When the current auth token expires (epoch seconds; MAX without one). */
    private volatile long tokenExpiry = Long.MAX_VALUE;
    private volatile long lastActivity = System.nanoTime();
    private final StringBuilder partial = new StringBuilder();
    private final Set<String> topics = new LinkedHashSet<>();
    private volatile RealtimeClients.Connection conn;
    private volatile Thread pump;
    private volatile boolean stopping;
    private volatile Thread expiryWatch;
    private Optional<Record> auth = Optional.empty();
    private String ip = "";

    WsEndpoint(RealtimeClients clients, Authenticate authenticate, ConnectionGuard guard, Duration idleTimeout) {
        this.clients = clients;
        this.authenticate = authenticate;
        this.guard = guard;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        // Non-browser clients may authenticate on the upgrade request itself.
        upgradeHeaders = headers;
        String header = headers.first(HeaderNames.AUTHORIZATION).orElse("");
        auth = Tokens.auth(authenticate, header);
        if (auth.isPresent()) {
            tokenExpiry = Tokens.expiry(header);
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        peer = Tokens.ip(session.socketContext().remotePeer().address());
        ConnectionGuard.Admission admitted = admit(upgradeHeaders == null ? ""
                : upgradeHeaders.first(HeaderNames.AUTHORIZATION).orElse(""));
        if (!admitted.allowed()) {
            // the upgrade happened before any HTTP filter ran: refuse as the guard would, then close
            error(session, null, admitted.status(), admitted.message());
            synchronized (session) {
                session.close(WsCloseCodes.VIOLATED_POLICY, admitted.message());
            }
            return;
        }
        ip = admitted.ip();
        // the pump thread serves the connection inside upstream's connect hook, as an SSE request thread does
        // it writes once onOpen has returned: Helidon's session is not ready for other threads before that
        java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
        pump = Thread.ofVirtual().name("locket-ws").start(() -> serve(session, opened));
        opened.countDown();
    }

    private void serve(WsSession session, java.util.concurrent.CountDownLatch opened) {
        try {
            opened.await();
        } catch (InterruptedException e) {
            return;
        }
        RequestInfo request = Tokens.info(auth, "GET", upgradeHeaders == null ? List.of() : upgradeHeaders);
        try {
            clients.serve(new RealtimeClients.Connect(ip, request, idleTimeout, RealtimeAdapter.MAX_LIFETIME),
                    (c, idle, max) -> session(session, c, idle));
        } catch (LocketException refused) {
            error(session, null, refused.status(), refused.getMessage());
            synchronized (session) {
                session.close(WsCloseCodes.VIOLATED_POLICY, refused.getMessage());
            }
        } catch (HookResponse answered) {
            // a connect hook answered instead of serving: a socket has no HTTP answer to replace, it just ends
            synchronized (session) {
                session.close(WsCloseCodes.NORMAL_CLOSE, "");
            }
        } catch (RuntimeException gone) {
            // the socket went away while connecting
        }
    }

    private void session(WsSession session, RealtimeClients.Connection c, Duration idle) {
        if (stopping) {
            return; // closed before the connection was served
        }
        conn = c;
        if (auth.isPresent()) {
            apply(c, List.of(), auth);
        }
        // the hello goes through the message hook as upstream's PB_CONNECT; its frame is built from the client
        c.deliver(new RealtimeMessage("PB_CONNECT", "{\"clientId\":\"" + c.id().value() + "\"}"), m -> {
            ObjectNode hello = JSON.createObjectNode();
            hello.put("type", "connect");
            hello.put("clientId", c.id().value());
            hello.put("authenticated", auth.isPresent());
            send(session, hello.toString());
        });
        lastActivity = System.nanoTime(); // the idle timeout counts from the established connection
        watchExpiry(session, c, tokenExpiry);
        pump(session, c, idle);
    }

    /**
     * Closes the socket at {@code exp} (epoch seconds) unless another token replaced that one by then: a
     * sleeping virtual thread per token, so the pump, which may wait long for a message, need not be woken
     * (interrupting a thread inside a socket write would close the socket).
     */
    private void watchExpiry(WsSession session, RealtimeClients.Connection c, long exp) {
        Thread previous = expiryWatch;
        if (previous != null) {
            previous.interrupt(); // it only sleeps: safe to interrupt
        }
        if (exp == Long.MAX_VALUE) {
            return;
        }
        expiryWatch = Thread.ofVirtual().name("locket-ws-expiry").start(() -> {
            try {
                long ms = exp * 1000 - System.currentTimeMillis();
                if (ms > 0) {
                    Thread.sleep(ms);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (tokenExpiry == exp && c.isOpen() && !stopping) {
                synchronized (session) {
                    session.close(WsCloseCodes.VIOLATED_POLICY, "auth token expired");
                }
                c.close();
            }
        });
    }

    private void pump(WsSession session, RealtimeClients.Connection c, Duration idleTimeout) {
        try {
            while (c.isOpen()) {
                Duration idle = Duration.ofNanos(System.nanoTime() - lastActivity);
                if (idle.compareTo(idleTimeout) >= 0) {
                    // as an SSE stream: no message either way for the idle timeout ends the connection
                    synchronized (session) {
                        session.close(WsCloseCodes.NORMAL_CLOSE, "idle timeout");
                    }
                    c.close();
                    return;
                }
                Duration wait = idleTimeout.minus(idle);
                Optional<RealtimeMessage> m = c.poll(min(wait, Duration.ofSeconds(30)));
                if (m.isPresent()) {
                    if (c.deliver(m.get(), msg -> send(session, frame(msg)))) {
                        lastActivity = System.nanoTime();
                    }
                }
            }
            String reason = c.closeReason();
            if (!reason.isEmpty()) {
                int code = reason.contains("overflow") ? CLOSE_TOO_SLOW : WsCloseCodes.GOING_AWAY;
                synchronized (session) {
                    session.close(code, reason);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LocketException refused) {
            // a message hook failed: upstream ends the connection
            synchronized (session) {
                session.close(WsCloseCodes.GOING_AWAY, refused.getMessage());
            }
            c.close();
        } catch (RuntimeException gone) {
            c.close();
        }
    }

    private static String frame(RealtimeMessage msg) {
        try {
            StringBuilder sb = new StringBuilder(msg.data().length() + msg.name().length() + 40);
            sb.append("{\"type\":\"event\",\"topic\":").append(JSON.writeValueAsString(msg.name()))
                    .append(",\"data\":").append(msg.data()).append('}');
            return sb.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (partial.length() + text.length() > MAX_MESSAGE) {
            partial.setLength(0);
            synchronized (session) {
                session.close(WsCloseCodes.TOO_BIG, "message larger than " + MAX_MESSAGE + " bytes");
            }
            return;
        }
        partial.append(text);
        lastActivity = System.nanoTime();
        if (!last) {
            return;
        }
        String message = partial.toString();
        partial.setLength(0);
        handle(session, message);
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        synchronized (session) {
            session.close(WsCloseCodes.CANNOT_ACCEPT, "binary frames are not supported; send JSON text");
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        shutdown();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        shutdown();
    }

    private void shutdown() {
        stopping = true;
        RealtimeClients.Connection c = conn;
        if (c != null) {
            c.close();
        }
        Thread p = pump;
        if (p != null) {
            p.interrupt();
        }
        Thread w = expiryWatch;
        if (w != null) {
            w.interrupt();
        }
    }

    private void handle(WsSession session, String message) {
        JsonNode frame;
        try {
            frame = JSON.readTree(message);
        } catch (IOException e) {
            error(session, null, 400, "Malformed message: not valid JSON.");
            return;
        }
        if (frame == null || !frame.isObject()) {
            error(session, null, 400, "Malformed message: expected a JSON object.");
            return;
        }
        JsonNode id = frame.get("id");
        JsonNode type = frame.get("type");
        if (type == null || !type.isTextual()) {
            error(session, id, 400, "Malformed message: missing \"type\".");
            return;
        }
        RealtimeClients.Connection c = conn;
        if (c == null || !c.isOpen()) {
            return;
        }
        try {
            switch (type.asText()) {
                case "ping" -> reply(session, id, "pong");
                case "auth" -> {
                    JsonNode token = frame.get("token");
                    if (token == null || !token.isTextual()) {
                        error(session, id, 400, "Malformed message: \"token\" must be a string.");
                        return;
                    }
                    Optional<Record> next = Tokens.auth(authenticate, token.asText());
                    if (next.isEmpty()) {
                        error(session, id, 401, "The token is invalid or expired.");
                        return;
                    }
                    ConnectionGuard.Admission admitted = admit(token.asText());
                    if (!admitted.allowed()) {
                        error(session, id, admitted.status(), admitted.message());
                        return;
                    }
                    long exp = Tokens.expiry(token.asText());
                    tokenExpiry = exp;
                    watchExpiry(session, c, exp);
                    apply(c, new ArrayList<>(topics), next);
                    auth = next;
                    topics.clear();
                    topics.addAll(c.subscriptions());
                    reply(session, id, "authenticated");
                }
                case "subscribe", "unsubscribe" -> {
                    Optional<List<String>> list = topicsOf(frame.get("topics"));
                    boolean subscribe = type.asText().equals("subscribe");
                    if (list.isEmpty() || (subscribe && frame.get("topics") == null)) {
                        error(session, id, 400, "Malformed message: \"topics\" must be an array of strings.");
                        return;
                    }
                    Set<String> next = new LinkedHashSet<>(topics);
                    if (subscribe) {
                        next.addAll(list.get());
                    } else if (frame.get("topics") == null) {
                        next.clear(); // unsubscribe without topics drops them all
                    } else {
                        list.get().forEach(next::remove);
                    }
                    apply(c, new ArrayList<>(next), auth);
                    topics.clear();
                    topics.addAll(c.subscriptions()); // as the subscribe hook left them
                    ObjectNode ok = JSON.createObjectNode();
                    ok.put("type", subscribe ? "subscribed" : "unsubscribed");
                    if (id != null) {
                        ok.set("id", id);
                    }
                    ArrayNode all = ok.putArray("topics");
                    topics.forEach(all::add);
                    send(session, ok.toString());
                }
                default -> error(session, id, 400, "Unknown message type \"" + type.asText()
                        + "\"; expected ping, auth, subscribe or unsubscribe.");
            }
        } catch (ValidationFailed e) {
            error(session, id, 400, "Invalid topics: at most 1000 topics of at most 2500 characters each.");
        } catch (NotFound e) {
            error(session, id, 400, e.getMessage());
        } catch (LocketException e) {
            // the checks' refusals and a subscribe hook's veto, with the error's own status
            error(session, id, e.status(), e.getMessage());
        }
    }

    /** The HTTP guards for this connection, with {@code token} as its auth. */
    private ConnectionGuard.Admission admit(String token) {
        Headers h = upgradeHeaders;
        return guard.admit(name -> h == null ? List.of() : h.values(HeaderNames.create(name)), peer,
                token == null ? "" : token);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void apply(RealtimeClients.Connection c, List<String> list, Optional<Record> withAuth) {
        try {
            clients.subscribe(new RealtimeClients.Subscribe(c.id().value(), list, withAuth, ip,
                    Tokens.info(withAuth, "GET", upgradeHeaders == null ? List.of() : upgradeHeaders)));
        } catch (HookResponse answered) {
            // a subscribe hook answered (or stopped) in place of the HTTP 204: a frame has no such answer, so the
            // acknowledgement reports the topics as the hook left them
        }
    }

    private static Optional<List<String>> topicsOf(JsonNode node) {
        if (node == null) {
            return Optional.of(List.of());
        }
        if (!node.isArray()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return Optional.empty();
            }
            out.add(item.asText());
        }
        return Optional.of(out);
    }

    private static void reply(WsSession session, JsonNode id, String type) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", type);
        if (id != null) {
            out.set("id", id);
        }
        send(session, out.toString());
    }

    private static void error(WsSession session, JsonNode id, int status, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", "error");
        if (id != null) {
            out.set("id", id);
        }
        out.put("status", status);
        out.put("message", message);
        send(session, out.toString());
    }

    /** Helidon's session is not meant for concurrent writers: the pump and the reader take turns. */
    private static void send(WsSession session, String text) {
        synchronized (session) {
            session.send(text, true);
        }
    }
}
