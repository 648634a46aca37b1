package dev.locket.application.service.realtime;

import dev.locket.application.port.in.realtime.RealtimeClients;
import dev.locket.domain.realtime.ClientId;
import dev.locket.domain.realtime.RealtimeMessage;
import dev.locket.domain.realtime.Topic;
import dev.locket.domain.record.Record;
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
    private final BlockingQueue<RealtimeMessage> queue = new LinkedBlockingQueue<>(RealtimeService.QUEUE_CAPACITY);
    private final Consumer<RealtimeClient> onClose;
    volatile Optional<Record> auth = Optional.empty();
    volatile List<Topic> subscriptions = List.of();
    volatile boolean open = true;
    private volatile String closeReason = "";

    /** {@code onClose} unregisters the client (called once). */
    RealtimeClient(ClientId id, String ip, Consumer<RealtimeClient> onClose) {
        this.id = id;
        this.ip = ip;
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
}
