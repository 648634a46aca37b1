package dev.locket.application.port.in.realtime;

import dev.locket.domain.realtime.ClientId;
import dev.locket.domain.realtime.RealtimeMessage;
import dev.locket.domain.record.Record;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Realtime clients as the transports (SSE, WebSocket) drive them: connect, set subscriptions with the
 * caller's auth, take the messages the fan-out queued for the connection, disconnect. The core decides
 * who receives what; a transport only moves {@link RealtimeMessage}s.
 */
public interface RealtimeClients {

    /** Registers a new client created from {@code ip}; its messages are taken from the returned connection. */
    Connection connect(String ip);

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

    /** The request of {@code POST /api/realtime} (or a WebSocket subscribe) after transport parsing. */
    record Subscribe(String clientId, List<String> topics, Optional<Record> auth, String ip) {
        public Subscribe {
            clientId = clientId == null ? "" : clientId;
            topics = topics == null ? List.of() : List.copyOf(topics);
            auth = auth == null ? Optional.empty() : auth;
        }
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

        /** Unregisters the client and drops its subscriptions. Idempotent. */
        @Override
        void close();
    }
}
