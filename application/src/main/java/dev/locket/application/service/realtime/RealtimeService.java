package dev.locket.application.service.realtime;

import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordAction;
import dev.locket.application.hook.RecordAfterSuccessEvent;
import dev.locket.application.port.in.realtime.RealtimeClients;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RealtimePublisher;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.application.service.record.ClientFilters;
import dev.locket.application.service.record.RecordExpander;
import dev.locket.application.service.record.RecordProjection;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.json.FieldsPicker;
import dev.locket.domain.json.Json;
import dev.locket.domain.realtime.ClientId;
import dev.locket.domain.realtime.RealtimeEvent;
import dev.locket.domain.realtime.RealtimeMessage;
import dev.locket.domain.realtime.Topic;
import dev.locket.domain.record.Record;
import dev.locket.domain.record.RecordShape;
import dev.locket.domain.rule.Decision;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.rule.RuleEvaluator;
import dev.locket.domain.types.GeoPoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * <p>Cost per event: subscribers are grouped by (subscription string, auth record); rules are decided in
 * memory by the {@link RuleEvaluator}, and only what it cannot decide costs one store query per distinct
 * (rule inputs) — never one per subscriber. A message is rendered once per group.
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
    /** Wakes a waiting poll once the client was closed. */
    private static final RealtimeMessage CLOSED = new RealtimeMessage("", "");

    private final CollectionStore collections;
    private final RecordStore records;
    private final Transactions tx;
    private final RandomGenerator random;
    private final RuleEvaluator evaluator;
    private final ClientFilters clientFilters = new ClientFilters();
    private final RecordExpander expander;
    private final RecordProjection projection;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Thread dispatcher;
    private final Runnable unbind;
    private volatile boolean closed;

    public RealtimeService(CollectionStore collections, RecordStore records, Transactions tx, Hooks hooks,
                           Clock clock, RandomGenerator random) {
        this.collections = collections;
        this.records = records;
        this.tx = tx;
        this.random = random;
        this.evaluator = new RuleEvaluator(collections::find, clock);
        this.expander = new RecordExpander(collections, records, clock);
        this.projection = new RecordProjection(collections, records, clock);
        String created = hooks.onRecordAfterCreateSuccess().bind(e -> afterCommit(RealtimeEvent.Action.CREATE, e));
        String updated = hooks.onRecordAfterUpdateSuccess().bind(e -> afterCommit(RealtimeEvent.Action.UPDATE, e));
        String deleted = hooks.onRecordDelete().bind(e -> {
            // Access and the snapshot are decided while the row still exists; delivery waits for the commit.
            Collection c = e.collection();
            Record snapshot = e.record();
            List<Outgoing> prepared = hasSubscribers() && !c.isView()
                    ? prepare(new RealtimeEvent(RealtimeEvent.Action.DELETE, c, snapshot)) : List.of();
            e.next();
            tx.afterCommit(() -> submit(() -> {
                deliver(prepared);
                forgetAuth(c, snapshot);
            }));
        });
        String collectionChanged = hooks.onCollectionAfterSuccess().bind(e -> {
            e.next();
            Collection changed = e.collection();
            Optional<Collection> original = e.original();
            boolean dropped = e.action() == RecordAction.DELETE;
            submit(() -> collectionChanged(changed, original, dropped));
        });
        this.unbind = () -> {
            hooks.onCollectionAfterSuccess().unbind(collectionChanged);
            hooks.onRecordAfterCreateSuccess().unbind(created);
            hooks.onRecordAfterUpdateSuccess().unbind(updated);
            hooks.onRecordDelete().unbind(deleted);
        };
        this.dispatcher = Thread.ofVirtual().name("locket-realtime-dispatcher").start(this::dispatch);
    }

    // ---- transports' side -------------------------------------------------------------------------

    @Override
    public Connection connect(String ip) {
        if (closed) {
            throw new IllegalStateException("realtime is shut down");
        }
        Client client;
        do {
            client = new Client(ClientId.random(random), ip == null ? "" : ip);
        } while (clients.putIfAbsent(client.id.value(), client) != null);
        return client;
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
        Client client = clients.get(id);
        if (client == null || !client.open) {
            throw new NotFound(MISSING_CLIENT);
        }
        if (!client.ip.equals(cmd.ip() == null ? "" : cmd.ip())) {
            throw new BadRequest(INVALID_CLIENT);
        }
        synchronized (client) {
            Optional<Record> previous = client.auth;
            if (previous.isPresent() && !sameRecord(previous.get(), cmd.auth().orElse(null))) {
                throw new Forbidden(AUTH_MISMATCH);
            }
            List<Topic> topics = new ArrayList<>();
            for (String raw : cmd.topics()) {
                if (!raw.isEmpty()) {
                    topics.add(Topic.parse(raw));
                }
            }
            client.auth = cmd.auth();
            client.subscriptions = List.copyOf(topics);
        }
    }

    @Override
    public int publish(String topic, Object data) {
        Objects.requireNonNull(topic);
        String json = Json.write(data);
        int count = 0;
        for (Client client : clients.values()) {
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
        Client client = clients.get(clientId);
        if (client == null || !client.open) {
            return false;
        }
        client.offer(new RealtimeMessage(topic, Json.write(data)));
        return true;
    }

    /** The OAuth2 redirect's hand-over (auth.md §6.2): once, to a client subscribed to {@code topic}. */
    @Override
    public boolean sendOnce(String clientId, String topic, String clientIp, Object data) {
        Client client = clients.get(clientId);
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
        for (Client client : clients.values()) {
            client.closeWith(CLOSED_SHUTDOWN);
        }
        dispatcher.interrupt();
    }

    // ---- fan-out ---------------------------------------------------------------------------------

    private void afterCommit(RealtimeEvent.Action action, RecordAfterSuccessEvent e) {
        e.next();
        Collection c = e.collection();
        Record record = e.record();
        if (c.isView()) {
            return;
        }
        submit(() -> {
            if (action == RealtimeEvent.Action.UPDATE) {
                refreshAuth(c, record);
            }
            if (hasSubscribers()) {
                deliver(prepare(new RealtimeEvent(action, c, record)));
            }
        });
    }

    private boolean hasSubscribers() {
        return !clients.isEmpty();
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

    /** One rendered message and who receives it. */
    private record Outgoing(List<Client> clients, RealtimeMessage message) {
    }

    /** Subscribers whose result is necessarily identical: same subscription string, same auth record. */
    private record GroupKey(String topic, String auth) {
    }

    private static final class Group {
        final Topic topic;
        final Topic.Kind kind;
        final Optional<Record> auth;
        final List<Client> members = new ArrayList<>();

        Group(Topic topic, Topic.Kind kind, Optional<Record> auth) {
            this.topic = topic;
            this.kind = kind;
            this.auth = auth;
        }
    }

    /** Decides and renders one change for every matching subscription (realtime §5). */
    List<Outgoing> prepare(RealtimeEvent event) {
        Collection c = event.collection();
        Record record = event.record();
        Map<GroupKey, Group> groups = new LinkedHashMap<>();
        for (Client client : clients.values()) {
            if (!client.open) {
                continue;
            }
            Optional<Record> auth = client.auth;
            for (Topic t : client.subscriptions) {
                Optional<Topic.Kind> kind = t.kindFor(c.id(), c.name(), record.id());
                if (kind.isPresent()) {
                    groups.computeIfAbsent(new GroupKey(t.raw(), authKey(auth)),
                            k -> new Group(t, kind.get(), auth)).members.add(client);
                }
            }
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, Boolean> ruleCache = new HashMap<>();
        Map<String, Boolean> filterCache = new HashMap<>();
        Map<String, String> renderCache = new HashMap<>();
        List<Outgoing> out = new ArrayList<>();
        for (Group g : groups.values()) {
            RequestInfo request = new RequestInfo(g.auth, "GET", g.topic.headers(), g.topic.query(), Map.of(),
                    "realtime");
            if (!ruleAllows(c, record, g, request, ruleCache) || !filterAllows(c, record, g, request, filterCache)) {
                continue;
            }
            String renderKey = renderKey(c, g, request);
            String data = renderKey == null ? render(event, g.topic, request)
                    : renderCache.computeIfAbsent(renderKey, k -> render(event, g.topic, request));
            out.add(new Outgoing(g.members, new RealtimeMessage(g.topic.raw(), data)));
        }
        return out;
    }

    private static void deliver(List<Outgoing> prepared) {
        for (Outgoing o : prepared) {
            for (Client client : o.clients) {
                client.offer(o.message);
            }
        }
    }

    private boolean ruleAllows(Collection c, Record record, Group g, RequestInfo request,
                               Map<String, Boolean> cache) {
        AccessRule rule = g.kind == Topic.Kind.LIST ? c.rules().list() : c.rules().view();
        boolean superuser = request.isSuperuser();
        if (superuser || rule instanceof AccessRule.Public) {
            return true;
        }
        if (!(rule instanceof AccessRule.Filter f)) {
            return false;
        }
        // A rule that reads nothing of the request decides alike for every non-superuser.
        String key = g.kind + (f.expression().contains("@request") ? "|" + authKey(g.auth)
                + "|" + g.topic.query() + "|" + g.topic.headers() : "");
        return cache.computeIfAbsent(key, k -> {
            Decision d;
            try {
                d = evaluator.evaluate(c, record, request, rule);
            } catch (BadRequest e) {
                d = Decision.NEEDS_STORE;
            }
            return switch (d) {
                case ALLOW -> true;
                case DENY -> false;
                case NEEDS_STORE -> storeMatches(c, record, f, BoundFilter.ALL, request);
            };
        });
    }

    private boolean filterAllows(Collection c, Record record, Group g, RequestInfo request,
                                 Map<String, Boolean> cache) {
        String filter = g.topic.filter();
        if (filter.isBlank()) {
            return true;
        }
        boolean superuser = request.isSuperuser();
        String sort = g.topic.query().getOrDefault("sort", "");
        boolean readsRequest = false;
        for (String param : List.of(filter, sort)) {
            if (param.contains("@request.") || param.contains("@collection.")) {
                readsRequest = true;
            }
        }
        if (readsRequest && !superuser) {
            return false;
        }
        // Keyed by the caller too: a filter through a relation is answered under the related collection's
        // list rule for this caller (as a REST list), so one caller's answer is never another's.
        String key = filter + "|" + authKey(g.auth) + (readsRequest ? "|" + g.topic.query() + "|"
                + g.topic.headers() : "");
        return cache.computeIfAbsent(key, k -> {
            Decision d;
            try {
                d = evaluator.evaluate(c, record, request, clientFilters.bind(filter, false));
            } catch (BadRequest e) {
                return false; // a filter that does not parse or resolve means "skip"
            }
            return switch (d) {
                case ALLOW -> true;
                case DENY -> false;
                case NEEDS_STORE -> storeMatches(c, record, null, clientFilters.bind(filter, superuser), request);
            };
        });
    }

    /** One query: does the stored row satisfy the rule (or, without a rule, the client filter)? */
    private boolean storeMatches(Collection c, Record record, AccessRule.Filter rule, BoundFilter clientFilter,
                                 RequestInfo request) {
        try {
            if (rule != null) {
                return records.findMatching(c, record.id(), rule.bound(), request).isPresent();
            }
            RecordQuery query = new RecordQuery(BoundFilter.of(Lookup.byId(record.id())), clientFilter, List.of(),
                    1, 1, true, request);
            return !records.list(c, query).items().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Groups whose payload is necessarily the same share one rendering: without expand and outside auth
     * collections, only superuser-ness and {@code fields} change what is shown. Null: render per group.
     */
    private static String renderKey(Collection c, Group g, RequestInfo request) {
        if (c instanceof AuthCollection || !g.topic.expand().isBlank()) {
            return null;
        }
        return request.isSuperuser() + "|" + g.topic.fields();
    }

    private String render(RealtimeEvent event, Topic topic, RequestInfo request) {
        Collection c = event.collection();
        Record fresh = new Record(c, event.record().values());
        Record shown = fresh;
        if (!topic.expand().isBlank()) {
            try {
                shown = expander.expand(c, List.of(fresh), topic.expand(), request).get(0);
            } catch (RuntimeException e) {
                shown = fresh; // expand errors are silently dropped (realtime §5 step 4)
            }
        }
        shown = projection.project(shown, request);
        Object recordJson = RecordShape.toMap(shown);
        if (!topic.fields().isBlank()) {
            try {
                recordJson = FieldsPicker.parse(topic.fields()).pick(recordJson);
            } catch (BadRequest e) {
                // an invalid fields value is ignored
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", event.action().wireName());
        payload.put("record", recordJson);
        return Json.writeGo(payload, RealtimeService::special);
    }

    /** Go writes a geo point as its struct: {@code lon} then {@code lat}. */
    private static String special(Object value) {
        if (value instanceof GeoPoint p) {
            return "{\"lon\":" + Json.goFloat(p.lon()) + ",\"lat\":" + Json.goFloat(p.lat()) + "}";
        }
        return null;
    }

    // ---- stored auth upkeep (realtime §5, last paragraph) -----------------------------------------

    private void refreshAuth(Collection c, Record updated) {
        if (c instanceof AuthCollection) {
            for (Client client : clients.values()) {
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
            for (Client client : clients.values()) {
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
        for (Client client : clients.values()) {
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

    private static String authKey(Optional<Record> auth) {
        return auth.map(r -> r.collection().id() + "/" + r.id()).orElse("");
    }

    // ---- one client ------------------------------------------------------------------------------

    /** A connected client: id, origin IP, stored auth, subscriptions and its bounded message queue. */
    private final class Client implements Connection {
        final ClientId id;
        final String ip;
        final BlockingQueue<RealtimeMessage> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        volatile Optional<Record> auth = Optional.empty();
        volatile List<Topic> subscriptions = List.of();
        volatile boolean open = true;
        volatile String closeReason = "";

        Client(ClientId id, String ip) {
            this.id = id;
            this.ip = ip;
        }

        void offer(RealtimeMessage message) {
            if (open && !queue.offer(message)) {
                closeWith(CLOSED_OVERFLOW);
            }
        }

        void closeWith(String reason) {
            if (!open) {
                return;
            }
            closeReason = reason;
            open = false;
            clients.remove(id.value(), this);
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
}
