package dev.locket.application.port.in.realtime;

import dev.locket.domain.realtime.ClientId;
import dev.locket.domain.realtime.RealtimeMessage;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Realtime clients as the transports (SSE, WebSocket) drive them: connect, set subscriptions with the
 * caller's auth, take the messages the fan-out queued for the connection, disconnect. The core decides
 * who receives what; a transport only moves {@link RealtimeMessage}s.
 */
public interface RealtimeClients {

    /** Registers a new client created from {@code ip}; its messages are taken from the returned connection. */
    Connection connect(String ip);

    /**
     * A whole realtime connection as upstream serves it: fires {@code onRealtimeConnectRequest}, whose default
     * action registers a new client, runs {@code session} (the transport's stream, returning when it ends) with
     * the timeouts the handlers left, then unregisters the client. A handler's error is thrown from here
     * before anything was sent.
     */
    void serve(Connect request, Session session);

    /**
     * Replaces the client's whole subscription set (realtime §3) and binds it to {@code auth}.
     *
     * @throws dev.locket.domain.error.ValidationFailed bad client id or topics
     * @throws dev.locket.domain.error.NotFound         unknown client id
     * @throws dev.locket.domain.error.BadRequest       the client was created from another IP
     * @throws dev.locket.domain.error.Forbidden        the client is bound to another auth record
     */
    void subscribe(Subscribe command);

    /**
     * Sends a custom message (JSON-shaped {@code data}) to every client subscribed to {@code topic}, under
     * each subscription's own name (realtime §6); returns how many clients it was queued for.
     */
    int publish(String topic, Object data);

    /** Sends a custom message to one client by id (e.g. the {@code @oauth2} redirect); false when unknown. */
    boolean publishTo(String clientId, String topic, Object data);

    /** How many clients are connected. */
    int size();

    /**
     * The request of {@code POST /api/realtime} (or a WebSocket subscribe) after transport parsing; {@code request}
     * is what the subscribe hook sees of it.
     */
    record Subscribe(String clientId, List<String> topics, Optional<Record> auth, String ip, RequestInfo request) {
        public Subscribe {
            clientId = clientId == null ? "" : clientId;
            topics = topics == null ? List.of() : List.copyOf(topics);
            auth = auth == null ? Optional.empty() : auth;
            request = request == null
                    ? new RequestInfo(auth, "POST", null, null, null, "realtime") : request;
        }

        public Subscribe(String clientId, List<String> topics, Optional<Record> auth, String ip) {
            this(clientId, topics, auth, ip, null);
        }
    }

    /** A connecting request: its IP, what hooks see of it, and the transport's default timeouts. */
    record Connect(String ip, RequestInfo request, Duration idleTimeout, Duration maxTimeout) {
        public Connect {
            ip = ip == null ? "" : ip;
            request = RequestInfo.orGuest(request);
            Objects.requireNonNull(idleTimeout);
            Objects.requireNonNull(maxTimeout);
        }
    }

    /** The transport's side of one connection: streams the client's messages until it ends. */
    @FunctionalInterface
    interface Session {
        void run(Connection connection, Duration idleTimeout, Duration maxTimeout);
    }

    /** One connected client as its transport sees it. */
    interface Connection extends AutoCloseable {
        ClientId id();

        /**
         * Waits up to {@code timeout} for the next message; empty on timeout or once the connection was
         * closed (check {@link #isOpen()}). Messages queued before a close are still handed out first.
         */
        Optional<RealtimeMessage> poll(Duration timeout) throws InterruptedException;

        boolean isOpen();

        /** Why the core closed the connection ({@code ""} while open or when the transport closed it). */
        String closeReason();

        /** The client's current subscriptions, as submitted. */
        List<String> subscriptions();

        /** The auth record the client's subscriptions are decided for (empty for a guest). */
        Optional<Record> auth();

        /** Queues a message for this client (upstream's {@code Client.Send}); dropped once it is closed. */
        void send(RealtimeMessage message);

        /**
         * Writes one message through {@code onRealtimeMessageSend}: {@code writer} is its default action, given
         * the message as the handlers left it. Returns whether it was written (false when a handler stopped it);
         * a handler's error is thrown, and the transport then ends the connection.
         */
        boolean deliver(RealtimeMessage message, Consumer<RealtimeMessage> writer);

        /** Unregisters the client and drops its subscriptions. Idempotent. */
        @Override
        void close();
    }
}
