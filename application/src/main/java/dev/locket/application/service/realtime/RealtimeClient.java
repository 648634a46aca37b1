package dev.locket.application.service.realtime;

import dev.locket.application.hook.Hook;
import dev.locket.application.hook.RealtimeMessageEvent;
import dev.locket.application.port.in.realtime.RealtimeClients;
import dev.locket.domain.realtime.ClientId;
import dev.locket.domain.realtime.RealtimeMessage;
import dev.locket.domain.realtime.Topic;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connected realtime client: id, origin IP, stored auth, subscriptions and its bounded message queue
 * ({@link RealtimeService#QUEUE_CAPACITY}; a client that lets it overflow is closed as too slow).
 */
final class RealtimeClient implements RealtimeClients.Connection {
    /** Wakes a waiting poll once the client was closed. */
    private static final RealtimeMessage CLOSED = new RealtimeMessage("", "");

    final ClientId id;
    final String ip;
    /** The request that opened the connection, as message hooks see it. */
    final RequestInfo request;
    private final Hook<RealtimeMessageEvent> onMessageSend;
    private final BlockingQueue<RealtimeMessage> queue = new LinkedBlockingQueue<>(RealtimeService.QUEUE_CAPACITY);
    private final Consumer<RealtimeClient> onClose;
    volatile Optional<Record> auth = Optional.empty();
    volatile List<Topic> subscriptions = List.of();
    volatile boolean open = true;
    private volatile String closeReason = "";

    /** {@code onClose} unregisters the client (called once). */
    RealtimeClient(ClientId id, String ip, RequestInfo request, Hook<RealtimeMessageEvent> onMessageSend,
                   Consumer<RealtimeClient> onClose) {
        this.id = id;
        this.ip = ip;
        this.request = request;
        this.onMessageSend = onMessageSend;
        this.onClose = onClose;
    }

    void offer(RealtimeMessage message) {
        if (open && !queue.offer(message)) {
            closeWith(RealtimeService.CLOSED_OVERFLOW);
        }
    }

    void closeWith(String reason) {
        if (!open) {
            return;
        }
        closeReason = reason;
        open = false;
        onClose.accept(this);
        subscriptions = List.of();
        queue.clear();
        queue.offer(CLOSED);
    }

    @Override
    public ClientId id() {
        return id;
    }

    @Override
    public Optional<RealtimeMessage> poll(Duration timeout) throws InterruptedException {
        if (!open) {
            return Optional.empty();
        }
        RealtimeMessage m = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (m == null || m == CLOSED || !open) {
            return Optional.empty();
        }
        return Optional.of(m);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        closeWith("");
    }

    @Override
    public List<String> subscriptions() {
        return subscriptions.stream().map(Topic::raw).toList();
    }

    @Override
    public Optional<Record> auth() {
        return auth;
    }

    @Override
    public void send(RealtimeMessage message) {
        offer(message);
    }

    @Override
    public boolean deliver(RealtimeMessage message, Consumer<RealtimeMessage> writer) {
        if (onMessageSend.size() == 0) {
            writer.accept(message); // the common case: no event built per message
            return true;
        }
        boolean[] written = {false};
        onMessageSend.trigger(new RealtimeMessageEvent(this, request, message), e -> {
            writer.accept(e.message());
            written[0] = true;
        });
        return written[0];
    }
}
