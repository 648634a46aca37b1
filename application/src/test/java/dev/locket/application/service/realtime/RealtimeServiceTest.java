package dev.locket.application.service.realtime;

import static dev.locket.application.fake.Fixtures.authRecord;
import static dev.locket.application.fake.Fixtures.base;
import static dev.locket.application.fake.Fixtures.hiddenText;
import static dev.locket.application.fake.Fixtures.relation;
import static dev.locket.application.fake.Fixtures.rules;
import static dev.locket.application.fake.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.fake.PlainHasher;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.realtime.RealtimeClients;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.service.record.RecordService;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.json.Json;
import dev.locket.domain.realtime.RealtimeMessage;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RealtimeServiceTest {
    static final String IP = "10.0.0.1";
    static final String NEEDS_JOIN = "author.name = 'Alice'";

    AuthCollection superusers = Fixtures.superusers();
    AuthCollection users = Fixtures.users();
    BaseCollection posts;
    BaseCollection secrets;
    BaseCollection joined;
    BaseCollection probe;
    InMemoryCollectionStore collections;
    InMemoryRecordStore store;
    CountingStore counted;
    RecordService records;
    RealtimeService realtime;
    Hooks hooks;
    Record root;
    Record alice;
    Record bob;

    @BeforeEach
    void setUp() {
        posts = base("posts", Fixtures.open(), text("title", false), text("status", false), hiddenText("secret"),
                relation("author", users.id(), false, false, 1));
        secrets = base("secrets", rules(null, null, "", "", ""), text("title", false));
        joined = base("joined", rules(NEEDS_JOIN, NEEDS_JOIN, "", "", ""), text("title", false),
                relation("author", users.id(), false, false, 1));
        probe = base("probe", Fixtures.open(), text("title", false));
        collections = new InMemoryCollectionStore(superusers, users, posts, secrets, joined, probe);
        store = new InMemoryRecordStore(collections::find);
        store.answerRule(NEEDS_JOIN, r -> "alice0000000000".equals(r.get("author")));
        counted = new CountingStore(store);
        var tx = new InMemoryTransactions(store, collections);
        hooks = new Hooks();
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
        records = new RecordService(collections, store, tx, new PlainHasher(), hooks, clock, new SplittableRandom(3));
        realtime = new RealtimeService(collections, counted, tx, hooks, clock, new SplittableRandom(5));
        root = store.put(authRecord(superusers, "root00000000000", "root@example.com", "hashed:rootpass1"));
        alice = store.put(authRecord(users, "alice0000000000", "alice@example.com", "hashed:alicepass")
                .with("name", "Alice"));
        bob = store.put(authRecord(users, "bob000000000000", "bob@example.com", "hashed:bobpass12"));
    }

    @AfterEach
    void tearDown() {
        realtime.close();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    RealtimeClients.Connection connect(Optional<Record> auth, String... topics) {
        RealtimeClients.Connection c = realtime.connect(IP);
        List<String> all = new ArrayList<>(List.of(topics));
        all.add("probe/*");
        realtime.subscribe(new RealtimeClients.Subscribe(c.id().value(), all, auth, IP));
        return c;
    }

    Record create(String collection, Object... kv) {
        return records.create(new CreateRecord.Command(collection, body(kv), "", RequestInfo.superuser(root)));
    }

    static RecordBody body(Object... kv) {
        RecordBody.Builder b = RecordBody.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put((String) kv[i], kv[i + 1]);
        }
        return b.build();
    }

    /**
     * Everything the connection receives until the probe event (created after the actions under test):
     * the dispatcher is FIFO, so anything not received by then was never sent.
     */
    List<RealtimeMessage> drain(RealtimeClients.Connection... conns) throws InterruptedException {
        create("probe", "title", "probe");
        List<RealtimeMessage> out = new ArrayList<>();
        for (RealtimeClients.Connection c : conns) {
            out.addAll(drainOne(c));
        }
        return out;
    }

    static List<RealtimeMessage> drainOne(RealtimeClients.Connection c) throws InterruptedException {
        List<RealtimeMessage> out = new ArrayList<>();
        while (true) {
            Optional<RealtimeMessage> m = c.poll(Duration.ofSeconds(5));
            if (m.isEmpty()) {
                throw new AssertionError("no probe event (closed: " + !c.isOpen() + ")");
            }
            if (m.get().name().equals("probe/*")) {
                return out;
            }
            out.add(m.get());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(RealtimeMessage m) {
        return (Map<String, Object>) Json.parse(m.data());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> record(RealtimeMessage m) {
        return (Map<String, Object>) data(m).get("record");
    }

    // ---- tests ------------------------------------------------------------------------------------

    @Test
    void createUpdateAndDeleteReachCollectionAndRecordSubscribersWithTheRecordsApiShape() throws Exception {
        RealtimeClients.Connection all = connect(Optional.empty(), "posts/*");
        Record post = create("posts", "title", "one", "secret", "hush");
        List<RealtimeMessage> seen = new ArrayList<>(drain(all)); // the dispatcher is past the create now
        RealtimeClients.Connection one = connect(Optional.empty(), "posts/" + post.id(), posts.id() + "/" + post.id());
        records.update(new UpdateRecord.Command("posts", post.id(), body("title", "two"), "",
                RequestInfo.superuser(root)));
        records.delete(new DeleteRecord.Command("posts", post.id(), RequestInfo.superuser(root)));

        seen.addAll(drain(all));
        assertEquals(List.of("create", "update", "delete"), seen.stream().map(m -> data(m).get("action")).toList());
        assertEquals("posts/*", seen.get(0).name(), "the event name is the subscription string");
        Map<String, Object> created = record(seen.get(0));
        assertEquals("one", created.get("title"));
        assertEquals("posts", created.get("collectionName"));
        assertEquals(posts.id(), created.get("collectionId"));
        assertFalse(created.containsKey("secret"), "hidden fields are not shown to guests");
        assertEquals("two", record(seen.get(2)).get("title"), "a delete carries the last snapshot");

        List<RealtimeMessage> byRecord = drainOne(one);
        assertEquals(4, byRecord.size(), "update and delete, once per subscription (name and id forms)");
        assertEquals(Set.of("posts/" + post.id(), posts.id() + "/" + post.id()),
                Set.copyOf(byRecord.stream().map(RealtimeMessage::name).toList()));
    }

    @Test
    void aSubscriptionMadeAfterWritesToOtherCollectionsStillReceivesItsCollectionsEvents() throws Exception {
        RealtimeClients.Connection early = connect(Optional.empty());
        create("posts", "title", "nobody listens to posts yet");
        assertEquals(List.of(), drain(early), "probe only: the early client never subscribed to posts");
        RealtimeClients.Connection byName = connect(Optional.empty(), "posts/*");
        RealtimeClients.Connection byId = connect(Optional.empty(), posts.id() + "/*");
        create("posts", "title", "heard");
        for (RealtimeClients.Connection c : List.of(byName, byId)) {
            List<RealtimeMessage> seen = drain(c);
            assertEquals(List.of("heard"), seen.stream().map(m -> record(m).get("title")).toList());
        }
    }

    @Test
    void eventsAreSentOnlyAfterTheTransactionCommitted() throws Exception {
        RealtimeClients.Connection c = connect(Optional.empty(), "posts/*");
        Record kept = create("posts", "title", "kept");
        assertEquals(1, drain(c).size());
        // Handlers that let the write happen, then fail: the transaction rolls back.
        hooks.onRecordCreate("posts").bind(e -> {
            e.next();
            throw new BadRequest("vetoed");
        });
        hooks.onRecordDelete("posts").bind(e -> {
            e.next();
            throw new BadRequest("vetoed");
        });
        assertThrows(BadRequest.class, () -> create("posts", "title", "rolled back"));
        assertThrows(BadRequest.class, () -> records.delete(new DeleteRecord.Command("posts", kept.id(),
                RequestInfo.superuser(root))));

        assertEquals(List.of(), drain(c).stream().filter(m -> m.name().equals("posts/*")).toList());
    }

    @Test
    void aLockedListRuleHidesEventsFromEverybodyButSuperusers() throws Exception {
        RealtimeClients.Connection guest = connect(Optional.empty(), "secrets/*");
        RealtimeClients.Connection user = connect(Optional.of(alice), "secrets/*");
        RealtimeClients.Connection su = connect(Optional.of(root), "secrets/*");
        create("secrets", "title", "classified");

        assertEquals(0, drain(guest).size());
        assertEquals(0, drainOne(user).size());
        List<RealtimeMessage> seen = drainOne(su);
        assertEquals(1, seen.size());
        assertEquals("classified", record(seen.get(0)).get("title"));
    }

    @Test
    void authDependentRulesAreDecidedPerAuthRecordAndHideOthersEmails() throws Exception {
        RealtimeClients.Connection a = connect(Optional.of(alice), "users/*");
        RealtimeClients.Connection b = connect(Optional.of(bob), "users/*");
        records.update(new UpdateRecord.Command("users", alice.id(), body("name", "Alice!"), "",
                RequestInfo.superuser(root)));

        List<RealtimeMessage> forAlice = drain(a);
        assertEquals(1, forAlice.size());
        assertEquals("Alice!", record(forAlice.get(0)).get("name"));
        assertEquals("alice@example.com", record(forAlice.get(0)).get("email"), "an auth record sees its own email");
        assertFalse(record(forAlice.get(0)).containsKey("password"));
        assertFalse(record(forAlice.get(0)).containsKey("tokenKey"));
        assertEquals(0, drainOne(b).size(), "bob does not pass users' listRule for alice's record");
    }

    @Test
    void rulesTheEvaluatorCannotDecideCostOneQueryPerEventNotPerSubscriber() throws Exception {
        List<RealtimeClients.Connection> guests = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            guests.add(connect(Optional.empty(), "joined/*"));
        }
        drain(guests.toArray(RealtimeClients.Connection[]::new)); // settle
        counted.calls.set(0);
        create("joined", "title", "by alice", "author", alice.id());
        create("joined", "title", "by bob", "author", bob.id());
        List<RealtimeMessage> seen = drain(guests.toArray(RealtimeClients.Connection[]::new));

        assertEquals(50, seen.size(), "every guest gets alice's post, nobody bob's");
        assertTrue(seen.stream().allMatch(m -> "by alice".equals(record(m).get("title"))));
        assertTrue(counted.calls.get() <= 2, "store queries: " + counted.calls.get());
    }

    /** Issue 14 item 12: an Error while deciding one event drops that event, not realtime for everyone. */
    @Test
    void theDispatcherSurvivesAnErrorAndDeliversTheNextEvent() throws Exception {
        RealtimeClients.Connection guest = connect(Optional.empty(), "joined/*");
        drain(guest);
        store.answerRule(NEEDS_JOIN, r -> {
            if ("boom".equals(r.get("title"))) {
                throw new OutOfMemoryError("simulated");
            }
            return "alice0000000000".equals(r.get("author"));
        });
        create("joined", "title", "boom", "author", alice.id());
        create("joined", "title", "after", "author", alice.id());
        List<RealtimeMessage> seen = drain(guest);
        assertEquals(List.of("after"), seen.stream().map(m -> record(m).get("title")).toList());
    }

    @Test
    void deletesAreDecidedBeforeTheRowIsGone() throws Exception {
        Record post = create("joined", "title", "soon gone", "author", alice.id());
        drain(connect(Optional.empty())); // the dispatcher is past the create before c subscribes
        RealtimeClients.Connection c = connect(Optional.empty(), "joined/" + post.id());
        records.delete(new DeleteRecord.Command("joined", post.id(), RequestInfo.superuser(root)));

        List<RealtimeMessage> seen = drain(c);
        assertEquals(1, seen.size(), "the viewRule needed the stored row, which only exists before the delete");
        assertEquals("delete", data(seen.get(0)).get("action"));
        assertEquals("soon gone", record(seen.get(0)).get("title"));
    }

    @Test
    void filterAndFieldsOptionsApplyPerSubscription() throws Exception {
        String options = "?options=" + java.net.URLEncoder.encode(
                "{\"query\":{\"filter\":\"status = 'live'\",\"fields\":\"id,title\"}}", java.nio.charset.StandardCharsets.UTF_8);
        RealtimeClients.Connection c = connect(Optional.empty(), "posts/*" + options);
        create("posts", "title", "draft", "status", "draft");
        Record live = create("posts", "title", "live", "status", "live");

        List<RealtimeMessage> seen = drain(c);
        assertEquals(1, seen.size());
        assertEquals("posts/*" + options, seen.get(0).name());
        assertEquals(Map.of("id", live.id(), "title", "live"), record(seen.get(0)));
    }

    @Test
    void filtersReadingTheRequestAreSkippedForNonSuperusers() throws Exception {
        String options = "?options=" + java.net.URLEncoder.encode(
                "{\"query\":{\"filter\":\"@request.auth.id != ''\"}}", java.nio.charset.StandardCharsets.UTF_8);
        RealtimeClients.Connection user = connect(Optional.of(alice), "posts/*" + options);
        RealtimeClients.Connection su = connect(Optional.of(root), "posts/*" + options);
        create("posts", "title", "x");

        assertEquals(0, drain(user).size());
        assertEquals(1, drainOne(su).size());
    }

    @Test
    void expandShowsRelatedRecordsTheSubscriberMayView() throws Exception {
        String options = "?options=" + java.net.URLEncoder.encode("{\"query\":{\"expand\":\"author\"}}",
                java.nio.charset.StandardCharsets.UTF_8);
        RealtimeClients.Connection a = connect(Optional.of(alice), "posts/*" + options);
        RealtimeClients.Connection b = connect(Optional.of(bob), "posts/*" + options);
        create("posts", "title", "x", "author", alice.id());

        Map<String, Object> forAlice = record(drain(a).get(0));
        Map<String, Object> forBob = record(drainOne(b).get(0));
        assertEquals("Alice", ((Map<?, ?>) ((Map<?, ?>) forAlice.get("expand")).get("author")).get("name"));
        assertTrue(((Map<?, ?>) forBob.get("expand")).isEmpty(), "bob may not view alice: nothing expanded");
    }

    @Test
    void aClientThatDoesNotReadIsClosedOnOverflowWithoutSlowingWriters() throws Exception {
        RealtimeClients.Connection slow = connect(Optional.empty(), "posts/*");
        RealtimeClients.Connection fast = connect(Optional.empty(), "probe/*");
        long start = System.nanoTime();
        for (int i = 0; i < RealtimeService.QUEUE_CAPACITY + 10; i++) {
            create("posts", "title", "n" + i);
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30);
        drain(fast);
        assertFalse(slow.isOpen());
        assertEquals(RealtimeService.CLOSED_OVERFLOW, slow.closeReason());
        assertThrows(NotFound.class, () -> realtime.subscribe(new RealtimeClients.Subscribe(slow.id().value(),
                List.of(), Optional.empty(), IP)));
    }

    @Test
    void customMessagesGoToExactTopicSubscribersUnderTheirSubscriptionName() throws Exception {
        RealtimeClients.Connection c = connect(Optional.empty(), "news", "other");
        assertEquals(1, realtime.publish("news", Map.of("headline", "hi")));
        RealtimeMessage m = c.poll(Duration.ofSeconds(5)).orElseThrow();
        assertEquals("news", m.name());
        assertEquals("{\"headline\":\"hi\"}", m.data());
        assertTrue(realtime.publishTo(c.id().value(), "@oauth2", Map.of("state", "s")));
        assertEquals("@oauth2", c.poll(Duration.ofSeconds(5)).orElseThrow().name());
        assertFalse(realtime.publishTo("unknown", "@oauth2", Map.of()));
    }

    @Test
    void theOAuth2HandOverIsSentOnceToTheSubscribedClientFromTheSameIp() throws Exception {
        RealtimeClients.Connection c = realtime.connect(IP);
        String id = c.id().value();
        assertFalse(realtime.sendOnce(id, "@oauth2", IP, Map.of("code", "x")), "not subscribed yet");
        realtime.subscribe(new RealtimeClients.Subscribe(id, List.of("@oauth2"), Optional.empty(), IP));
        assertFalse(realtime.sendOnce(id, "@oauth2", "10.9.9.9", Map.of("code", "x")), "another IP");
        assertTrue(realtime.sendOnce(id, "@oauth2", IP, Map.of("code", "x")));
        RealtimeMessage m = c.poll(Duration.ofSeconds(5)).orElseThrow();
        assertEquals("@oauth2", m.name());
        assertEquals("{\"code\":\"x\"}", m.data());
        assertFalse(realtime.sendOnce(id, "@oauth2", IP, Map.of("code", "y")), "the subscription was used up");
    }

    @Test
    void subscriptionRequestsAreValidatedAndBoundToOneAuth() {
        RealtimeClients.Connection c = realtime.connect(IP);
        String id = c.id().value();
        assertEquals(40, id.length());
        ValidationFailed missing = assertThrows(ValidationFailed.class,
                () -> realtime.subscribe(new RealtimeClients.Subscribe("", List.of(), Optional.empty(), IP)));
        assertTrue(missing.errors().containsKey("clientId"));
        List<String> tooMany = Collections.nCopies(1001, "posts/*");
        assertThrows(ValidationFailed.class,
                () -> realtime.subscribe(new RealtimeClients.Subscribe(id, tooMany, Optional.empty(), IP)));
        NotFound unknown = assertThrows(NotFound.class,
                () -> realtime.subscribe(new RealtimeClients.Subscribe("x", List.of(), Optional.empty(), IP)));
        assertEquals("Missing or invalid client id.", unknown.getMessage());
        BadRequest otherIp = assertThrows(BadRequest.class,
                () -> realtime.subscribe(new RealtimeClients.Subscribe(id, List.of(), Optional.empty(), "10.9.9.9")));
        assertEquals("Invalid realtime client.", otherIp.getMessage());

        realtime.subscribe(new RealtimeClients.Subscribe(id, List.of("posts/*"), Optional.empty(), IP));
        realtime.subscribe(new RealtimeClients.Subscribe(id, List.of("posts/*"), Optional.of(alice), IP)); // upgrade
        Forbidden other = assertThrows(Forbidden.class,
                () -> realtime.subscribe(new RealtimeClients.Subscribe(id, List.of(), Optional.of(bob), IP)));
        assertEquals("The current and the previous request authorization don't match.", other.getMessage());
        assertThrows(Forbidden.class,
                () -> realtime.subscribe(new RealtimeClients.Subscribe(id, List.of(), Optional.empty(), IP)));
    }

    @Test
    void deletingTheAuthCollectionOrChangingItsTokenSecretTurnsItsClientsIntoGuests() throws Exception {
        RealtimeClients.Connection c = connect(Optional.of(alice), "users/*");
        String id = c.id().value();
        AuthCollection rotated = new AuthCollection(users.id(), users.name(), false, users.fields(), users.rules(),
                List.of(), "", "", new dev.locket.domain.collection.AuthOptions(users.auth().authRule(),
                users.auth().manageRule(), users.auth().passwordAuth(),
                new dev.locket.domain.collection.TokenConfig("a-brand-new-secret-a-brand-new-secret", 3600),
                users.auth().passwordResetToken(), users.auth().emailChangeToken(), users.auth().verificationToken(),
                users.auth().fileToken(), users.auth().extra()));
        hooks.model().onCollectionAfterSuccess().trigger(new dev.locket.application.hook.CollectionEvent(
                dev.locket.application.hook.RecordAction.UPDATE, users, rotated));
        drain(c); // the dispatcher handled the change
        // a guest may bind to any auth record: bob is accepted where alice's client would have refused him
        realtime.subscribe(new RealtimeClients.Subscribe(id, List.of("users/*", "probe/*"), Optional.of(bob), IP));
        assertThrows(Forbidden.class, () -> realtime.subscribe(new RealtimeClients.Subscribe(id, List.of(),
                Optional.of(alice), IP)));
    }

    @Test
    void closingAConnectionUnregistersTheClient() {
        RealtimeClients.Connection c = realtime.connect(IP);
        assertEquals(1, realtime.size());
        c.close();
        assertEquals(0, realtime.size());
        assertFalse(c.isOpen());
    }

    /** Counts the store reads realtime makes to decide rules and filters. */
    static final class CountingStore implements RecordStore {
        final RecordStore delegate;
        final AtomicInteger calls = new AtomicInteger();

        CountingStore(RecordStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Record> find(Collection c, String id) {
            calls.incrementAndGet();
            return delegate.find(c, id);
        }

        @Override
        public Optional<Record> findMatching(Collection c, String id, dev.locket.domain.filter.BoundFilter filter, RequestInfo r) {
            calls.incrementAndGet();
            return delegate.findMatching(c, id, filter, r);
        }

        @Override
        public List<Record> findByIds(Collection c, List<String> ids) {
            calls.incrementAndGet();
            return delegate.findByIds(c, ids);
        }

        @Override
        public Page<Record> list(Collection c, RecordQuery q) {
            calls.incrementAndGet();
            return delegate.list(c, q);
        }

        @Override
        public boolean draftMatches(Collection c, Record d, dev.locket.domain.filter.BoundFilter f, RequestInfo r) {
            calls.incrementAndGet();
            return delegate.draftMatches(c, d, f, r);
        }

        @Override
        public List<Record> findReferencing(Collection c, String field, String id) {
            calls.incrementAndGet();
            return delegate.findReferencing(c, field, id);
        }

        @Override
        public List<Record> findReferencingAny(Collection c, String field, List<String> ids) {
            calls.incrementAndGet();
            return delegate.findReferencingAny(c, field, ids);
        }

        @Override
        public Set<String> matchingIds(Collection c, List<String> ids, dev.locket.domain.filter.BoundFilter f, RequestInfo r) {
            calls.incrementAndGet();
            return delegate.matchingIds(c, ids, f, r);
        }

        @Override
        public void insert(Collection c, Record r) {
            delegate.insert(c, r);
        }

        @Override
        public void update(Collection c, Record r) {
            delegate.update(c, r);
        }

        @Override
        public void delete(Collection c, String id) {
            delegate.delete(c, id);
        }

        @Override
        public void deleteAll(Collection c) {
            delegate.deleteAll(c);
        }
    }
}
