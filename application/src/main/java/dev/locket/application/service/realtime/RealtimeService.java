package dev.locket.application.service.realtime;

import dev.locket.application.hook.HookResponse;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordAction;
import dev.locket.application.hook.RealtimeConnectRequestEvent;
import dev.locket.application.hook.RealtimeHooks;
import dev.locket.application.hook.RealtimeSubscribeRequestEvent;
import dev.locket.application.hook.RecordAfterSuccessEvent;
import dev.locket.application.port.in.realtime.RealtimeClients;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RealtimePublisher;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.json.Json;
import dev.locket.domain.realtime.ClientId;
import dev.locket.domain.realtime.RealtimeEvent;
import dev.locket.domain.realtime.RealtimeMessage;
import dev.locket.domain.realtime.Topic;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The realtime fan-out (realtime §3–§6): keeps the connected clients with their subscriptions and auth,
 * listens to committed record changes on the hook bus (so the API, batch, cascades, hooks and embedding
 * code all publish) and decides per subscriber what it may see.
 *
 * <p>Writers never wait for clients: after commit an event is handed to one dispatcher virtual thread,
 * which decides and renders it, then offers the message to each client's bounded queue. A client whose
 * queue is full ({@link #QUEUE_CAPACITY}) is closed, as it cannot keep up; its transport ends the
 * connection. Deletes are decided before the row goes (inside the transaction) and delivered after commit.
 *
 * <p>This class is the client registry (connect, subscribe, custom messages, stored auth upkeep) and the
 * dispatcher; what one change reaches and what each subscriber receives is {@link RealtimeFanOut}'s.
 */
public final class RealtimeService implements RealtimeClients, RealtimePublisher, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RealtimeService.class.getName());
    /** Messages a client may have waiting before it counts as too slow and is closed. */
    public static final int QUEUE_CAPACITY = 1024;
    static final String CLOSED_OVERFLOW = "client too slow: message queue overflow";
    static final String CLOSED_SHUTDOWN = "server shutting down";
    static final String MISSING_CLIENT = "Missing or invalid client id.";
    static final String INVALID_CLIENT = "Invalid realtime client.";
    static final String AUTH_MISMATCH = "The current and the previous request authorization don't match.";
    private static final int MAX_TOPICS = 1000;
    private static final int MAX_TOPIC_LENGTH = 2500;

    private final Transactions tx;
    private final RandomGenerator random;
    private final RealtimeFanOut fanOut;
    private final RealtimeHooks hooks;
    private final Map<String, RealtimeClient> clients = new ConcurrentHashMap<>();
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Thread dispatcher;
    /** Bumped after any client gains subscriptions: the collection index below is then rebuilt on next use. */
    private final AtomicLong subscribed = new AtomicLong();
    private volatile SubscribedCollections index = new SubscribedCollections(-1, Set.of());
    private final Runnable unbind;
    private volatile boolean closed;

    public RealtimeService(CollectionStore collections, RecordStore records, Transactions tx, Hooks hooks,
                           Clock clock, RandomGenerator random) {
        this.tx = tx;
        this.random = random;
        this.fanOut = new RealtimeFanOut(collections, records, clock, hooks);
        this.hooks = hooks.realtime();
        String created = hooks.onRecordAfterCreateSuccess().bind(e -> afterCommit(RealtimeEvent.Action.CREATE, e));
        String updated = hooks.onRecordAfterUpdateSuccess().bind(e -> afterCommit(RealtimeEvent.Action.UPDATE, e));
        String deleted = hooks.onRecordDelete().bind(e -> {
            // Access and the snapshot are decided while the row still exists; delivery waits for the commit.
            Collection c = e.collection();
            Record snapshot = e.record();
            List<RealtimeFanOut.Outgoing> prepared = anySubscribed(c) && !c.isView()
                    ? fanOut.prepare(new RealtimeEvent(RealtimeEvent.Action.DELETE, c, snapshot), clients.values())
                    : List.of();
            e.next();
            tx.afterCommit(() -> submit(() -> {
                RealtimeFanOut.deliver(prepared);
                forgetAuth(c, snapshot);
            }));
        });
        String collectionChanged = hooks.model().onCollectionAfterSuccess().bind(e -> {
            e.next();
            Collection changed = e.collection();
            Optional<Collection> original = e.original();
            boolean dropped = e.action() == RecordAction.DELETE;
            submit(() -> collectionChanged(changed, original, dropped));
        });
        this.unbind = () -> {
            hooks.model().onCollectionAfterSuccess().unbind(collectionChanged);
            hooks.onRecordAfterCreateSuccess().unbind(created);
            hooks.onRecordAfterUpdateSuccess().unbind(updated);
            hooks.onRecordDelete().unbind(deleted);
        };
        // A platform thread, as the log writer: queued behind hundreds of request threads on the virtual-thread
        // carriers, each event waited its turn there before reaching anyone (issue 16's fan-out under load).
        this.dispatcher = Thread.ofPlatform().daemon().name("locket-realtime-dispatcher").start(this::dispatch);
    }

    // ---- transports' side -------------------------------------------------------------------------

    @Override
    public Connection connect(String ip) {
        RealtimeClient client = newClient(ip, RequestInfo.guest());
        register(client);
        return client;
    }

    @Override
    public void serve(Connect request, Session session) {
        RealtimeClient client = newClient(request.ip(), request.request());
        RealtimeConnectRequestEvent event = new RealtimeConnectRequestEvent(client, request.request(),
                request.idleTimeout(), request.maxTimeout());
        boolean[] served = new boolean[1];
        try {
            hooks.onRealtimeConnectRequest().trigger(event, e -> {
                        if (e.response().isPresent()) {
                            return; // answered before next(): that answer is the response, no stream can follow
                        }
                        served[0] = true;
                        register(client);
                        try {
                            session.run(client, e.idleTimeout(), e.maxTimeout());
                        } finally {
                            client.close();
                        }
                    });
        } finally {
            client.close(); // also when a handler stopped the chain before the client was registered
        }
        if (!served[0]) {
            // the stream never started: a handler's answer, or upstream's empty 200 when it wrote nothing
            event.throwIfAnswered();
            throw HookResponse.nothingWritten();
        }
    }

    private RealtimeClient newClient(String ip, RequestInfo request) {
        if (closed) {
            throw new IllegalStateException("realtime is shut down");
        }
        return new RealtimeClient(ClientId.random(random), ip == null ? "" : ip, request,
                hooks.onRealtimeMessageSend(), gone -> clients.remove(gone.id.value(), gone));
    }

    private void register(RealtimeClient client) {
        if (clients.putIfAbsent(client.id.value(), client) != null) {
            throw new IllegalStateException("realtime client id collision"); // 40 random characters: never
        }
    }

    @Override
    public void subscribe(Subscribe cmd) {
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        String id = cmd.clientId();
        if (id.isEmpty()) {
            errors.put("clientId", FieldError.required());
        } else if (id.length() > 255) {
            errors.put("clientId", FieldError.of("validation_length_out_of_range",
                    "The length must be between 1 and 255.", "min", 1));
        }
        if (cmd.topics().size() > MAX_TOPICS) {
            errors.put("subscriptions", FieldError.of("validation_length_too_long",
                    "The length must be no more than 1000.", "max", MAX_TOPICS));
        } else {
            Map<String, ErrorNode> items = new LinkedHashMap<>();
            for (int i = 0; i < cmd.topics().size(); i++) {
                if (cmd.topics().get(i).length() > MAX_TOPIC_LENGTH) {
                    items.put(String.valueOf(i), FieldError.of("validation_length_too_long",
                            "The length must be no more than 2500.", "max", MAX_TOPIC_LENGTH));
                }
            }
            if (!items.isEmpty()) {
                errors.put("subscriptions", new ErrorGroup(items));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(BadRequest.GENERIC, errors);
        }
        RealtimeClient client = clients.get(id);
        if (client == null || !client.open) {
            throw new NotFound(MISSING_CLIENT);
        }
        if (!client.ip.equals(cmd.ip() == null ? "" : cmd.ip())) {
            throw new BadRequest(INVALID_CLIENT);
        }
        Optional<Record> previous = client.auth;
        if (previous.isPresent() && !sameRecord(previous.get(), cmd.auth().orElse(null))) {
            throw new Forbidden(AUTH_MISMATCH);
        }
        // upstream's onRealtimeSubscribeRequest, once the request is known good; handlers may change the topics
        RealtimeSubscribeRequestEvent event = new RealtimeSubscribeRequestEvent(client, cmd.request(), cmd.topics());
        boolean[] applied = new boolean[1];
        hooks.onRealtimeSubscribeRequest().trigger(event, e -> {
                    applied[0] = true;
                    List<Topic> topics = new ArrayList<>();
                    for (String raw : e.subscriptions()) {
                        if (raw != null && !raw.isEmpty()) {
                            topics.add(Topic.parse(raw));
                        }
                    }
                    synchronized (client) {
                        Optional<Record> now = client.auth; // another subscribe may have bound it meanwhile
                        if (now.isPresent() && !sameRecord(now.get(), cmd.auth().orElse(null))) {
                            throw new Forbidden(AUTH_MISMATCH);
                        }
                        client.auth = cmd.auth();
                        client.subscriptions = List.copyOf(topics);
                    }
                    subscribed.incrementAndGet();
                });
        event.throwIfAnswered(); // a handler's own answer replaces upstream's 204
        if (!applied[0]) {
            throw HookResponse.nothingWritten(); // neither next() nor an answer: upstream's empty 200
        }
    }

    @Override
    public int publish(String topic, Object data) {
        Objects.requireNonNull(topic);
        String json = Json.write(data);
        int count = 0;
        for (RealtimeClient client : clients.values()) {
            boolean any = false;
            for (Topic t : client.subscriptions) {
                if (t.path().equals(topic) || t.raw().equals(topic)) {
                    client.offer(new RealtimeMessage(t.raw(), json));
                    any = true;
                }
            }
            count += any ? 1 : 0;
        }
        return count;
    }

    @Override
    public boolean publishTo(String clientId, String topic, Object data) {
        RealtimeClient client = clients.get(clientId);
        if (client == null || !client.open) {
            return false;
        }
        client.offer(new RealtimeMessage(topic, Json.write(data)));
        return true;
    }

    /** The OAuth2 redirect's hand-over (auth.md §6.2): once, to a client subscribed to {@code topic}. */
    @Override
    public boolean sendOnce(String clientId, String topic, String clientIp, Object data) {
        RealtimeClient client = clients.get(clientId);
        if (client == null || !client.open) {
            return false;
        }
        if (clientIp != null && !clientIp.isBlank() && !client.ip.isEmpty() && !client.ip.equals(clientIp)) {
            return false;
        }
        synchronized (client) {
            List<Topic> remaining = new ArrayList<>();
            Topic found = null;
            for (Topic t : client.subscriptions) {
                if (found == null && (t.raw().equals(topic) || t.path().equals(topic))) {
                    found = t;
                } else {
                    remaining.add(t);
                }
            }
            if (found == null) {
                return false;
            }
            client.subscriptions = List.copyOf(remaining);
            client.offer(new RealtimeMessage(found.raw(), Json.write(data)));
            return client.open;
        }
    }

    @Override
    public int size() {
        return clients.size();
    }

    /** Closes every client and stops the dispatcher (transports then end their connections). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        unbind.run();
        closed = true;
        for (RealtimeClient client : clients.values()) {
            client.closeWith(CLOSED_SHUTDOWN);
        }
        dispatcher.interrupt();
    }

    // ---- fan-out ---------------------------------------------------------------------------------

    private void afterCommit(RealtimeEvent.Action action, RecordAfterSuccessEvent e) {
        e.next();
        Collection c = e.collection();
        Record record = e.record();
        // Decided on the writer's thread, as upstream broadcasts from its after-success hook: with nobody
        // connected (or, for a create, nobody listening to c) the dispatcher is not woken at all.
        if (c.isView() || clients.isEmpty() || (action == RealtimeEvent.Action.CREATE && !anySubscribed(c))) {
            return;
        }
        submit(() -> {
            if (action == RealtimeEvent.Action.UPDATE) {
                refreshAuth(c, record);
            }
            if (anySubscribed(c)) {
                RealtimeFanOut.deliver(fanOut.prepare(new RealtimeEvent(action, c, record), clients.values()));
            }
        });
    }

    /** The collection names and ids some subscription names (a superset once subscriptions went away). */
    private record SubscribedCollections(long version, Set<String> names) {
    }

    /**
     * Whether any client may be subscribed to a change of {@code c}: a write to a collection nobody listens to
     * skips the per-client scan, which at 10,000 subscribers costs more than the write itself (issue 16).
     */
    private boolean anySubscribed(Collection c) {
        if (clients.isEmpty()) {
            return false;
        }
        SubscribedCollections now = index;
        long version = subscribed.get();
        if (now.version() != version) {
            Set<String> names = new HashSet<>();
            for (RealtimeClient client : clients.values()) {
                for (Topic t : client.subscriptions) {
                    names.add(t.collectionPart());
                }
            }
            now = new SubscribedCollections(version, Set.copyOf(names));
            index = now;
        }
        return now.names().contains(c.id()) || now.names().contains(c.name());
    }

    private void submit(Runnable task) {
        if (!closed) {
            work.add(task);
        }
    }

    private void dispatch() {
        while (!closed) {
            Runnable task;
            try {
                task = work.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException | Error ex) {
                // An Error (out of memory while rendering one huge event) must not end realtime for everyone:
                // that event is dropped and the next one is dispatched (issue 14 item 12).
                LOG.log(System.Logger.Level.WARNING, "realtime broadcast failed", ex);
            }
        }
    }

    // ---- stored auth upkeep (realtime §5, last paragraph) -----------------------------------------

    private void refreshAuth(Collection c, Record updated) {
        if (c instanceof AuthCollection) {
            for (RealtimeClient client : clients.values()) {
                synchronized (client) {
                    Optional<Record> auth = client.auth;
                    if (auth.isPresent() && sameRecord(auth.get(), updated)) {
                        boolean revoked = !Objects.equals(auth.get().get("tokenKey"), updated.get("tokenKey"));
                        client.auth = revoked ? Optional.empty() : Optional.of(updated);
                    }
                }
            }
        }
    }

    private void forgetAuth(Collection c, Record deleted) {
        if (c instanceof AuthCollection) {
            for (RealtimeClient client : clients.values()) {
                synchronized (client) {
                    if (client.auth.isPresent() && sameRecord(client.auth.get(), deleted)) {
                        client.auth = Optional.empty();
                    }
                }
            }
        }
    }

    /**
     * An auth collection that was deleted or got a new auth token secret invalidates the stored auth of its
     * clients (they continue as guests); otherwise their auth records follow the new definition.
     */
    private void collectionChanged(Collection changed, Optional<Collection> original, boolean deleted) {
        boolean revoked = deleted || (changed instanceof AuthCollection now
                && original.orElse(null) instanceof AuthCollection before
                && !now.auth().authToken().secret().equals(before.auth().authToken().secret()));
        for (RealtimeClient client : clients.values()) {
            synchronized (client) {
                Optional<Record> auth = client.auth;
                if (auth.isPresent() && auth.get().collection().id().equals(changed.id())) {
                    client.auth = revoked || !(changed instanceof AuthCollection) ? Optional.empty()
                            : Optional.of(new Record(changed, auth.get().values()));
                }
            }
        }
    }

    private static boolean sameRecord(Record a, Record b) {
        return b != null && a.collection().id().equals(b.collection().id()) && a.id().equals(b.id());
    }

}
