package dev.locket.application.service.record;

import static dev.locket.application.fake.Fixtures.authRecord;
import static dev.locket.application.fake.Fixtures.base;
import static dev.locket.application.fake.Fixtures.created;
import static dev.locket.application.fake.Fixtures.number;
import static dev.locket.application.fake.Fixtures.record;
import static dev.locket.application.fake.Fixtures.relation;
import static dev.locket.application.fake.Fixtures.rules;
import static dev.locket.application.fake.Fixtures.text;
import static dev.locket.application.fake.Fixtures.updated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.MovableClock;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.MutableSettings;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.fake.PlainHasher;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.record.BatchRecords;
import dev.locket.application.port.in.record.BatchRecords.Deleted;
import dev.locket.application.port.in.record.BatchRecords.Item;
import dev.locket.application.port.in.record.BatchRecords.Result;
import dev.locket.application.port.in.record.BatchRecords.Saved;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.BatchFailed;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.BatchConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchServiceTest {

    AuthCollection superusers = Fixtures.superusers();
    AuthCollection users = Fixtures.users();
    BaseCollection posts;
    BaseCollection comments;
    InMemoryCollectionStore collections;
    InMemoryRecordStore records;
    InMemoryTransactions tx;
    MutableSettings settings;
    Hooks hooks;
    MovableClock clock;
    BatchService batch;
    Record root;
    Record alice;
    Record bob;
    Record alicePost;
    Record bobPost;
    RequestInfo asAlice;
    RequestInfo asRoot;

    @BeforeEach
    void setUp() {
        posts = base("posts", rules("", "", "author = @request.auth.id", "author = @request.auth.id",
                        "author = @request.auth.id"),
                text("title", true), relation("author", users.id(), false, false, 1), number("views"),
                created(), updated());
        comments = base("comments", Fixtures.open(), relation("post", posts.id(), true, true, 1),
                text("body", false));
        collections = new InMemoryCollectionStore(superusers, users, posts, comments);
        records = new InMemoryRecordStore();
        tx = new InMemoryTransactions(records, collections);
        settings = MutableSettings.withBatch(true, 50, 3, 0);
        hooks = new Hooks();
        clock = new MovableClock(Instant.parse("2026-01-02T03:04:05.678Z"));
        RecordService service = new RecordService(collections, records, tx, new PlainHasher(), hooks, clock,
                new SplittableRandom(7));
        batch = new BatchService(settings, collections, records, tx, service, service, service, clock);
        root = records.put(authRecord(superusers, "root00000000000", "root@example.com", "hashed:rootpass1"));
        alice = records.put(authRecord(users, "alice0000000000", "alice@example.com", "hashed:alicepass"));
        bob = records.put(authRecord(users, "bob000000000000", "bob@example.com", "hashed:bobpass12"));
        alicePost = records.put(record(posts, "id", "alicepost000001", "title", "mine", "author", alice.id(),
                "views", 1.0));
        bobPost = records.put(record(posts, "id", "bobpost00000001", "title", "his", "author", bob.id()));
        asAlice = new RequestInfo(Optional.of(alice), "POST", Map.of("authorization", "alice-token"), Map.of(),
                Map.of(), "default");
        asRoot = RequestInfo.superuser(root);
    }

    static RecordBody body(Object... kv) {
        RecordBody.Builder b = RecordBody.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put((String) kv[i], kv[i + 1]);
        }
        return b.build();
    }

    static Item item(String method, String url, RecordBody body) {
        return new Item(method, url, body, List.of());
    }

    List<Result> run(RequestInfo request, Item... items) {
        return batch.batch(new BatchRecords.Command(List.of(items), request));
    }

    List<String> titles() {
        return records.all(posts).stream().map(r -> r.text("title")).sorted().toList();
    }

    @Test
    void disabledOrZeroMaxRequestsIsForbiddenBeforeAnythingRuns() {
        settings = MutableSettings.withBatch(false, 50, 3, 0);
        BatchService off = new BatchService(settings, collections, records, tx, null, null, null, clock);
        Forbidden e = assertThrows(Forbidden.class, off::limits);
        assertEquals("Batch requests are not allowed.", e.getMessage());

        BatchService zero = new BatchService(MutableSettings.withBatch(true, 0, 3, 0), collections, records,
                tx, null, null, null, clock);
        assertThrows(Forbidden.class, () -> zero.batch(new BatchRecords.Command(
                List.of(item("POST", "/api/collections/posts/records", body("title", "x"))), asRoot)));
        BatchService missing = new BatchService(new MutableSettings(), collections, records, tx,
                null, null, null, clock);
        assertThrows(Forbidden.class, missing::limits);
        assertEquals(0, tx.commits() + tx.rollbacks());
    }

    @Test
    void limitsApplyUpstreamDefaultsForZeroTimeoutAndBodySize() {
        assertEquals(new BatchRecords.Limits(50, Duration.ofSeconds(3), 128L << 20), batch.limits());

        BatchService custom = new BatchService(MutableSettings.withBatch(true, 7L, 9, 1024), collections,
                records, tx, null, null, null, clock);
        assertEquals(new BatchRecords.Limits(7, Duration.ofSeconds(9), 1024), custom.limits());
    }

    @Test
    void emptyOrTooLongRequestListsAreInvalid() {
        ValidationFailed empty = assertThrows(ValidationFailed.class, () -> run(asRoot));
        assertEquals("Invalid batch request data.", empty.getMessage());
        assertEquals(FieldError.required(), empty.errors().get("requests"));

        settings.update(s -> s.withBatch(new BatchConfig(true, 2, 3, 0)));
        Item any = item("GET", "/test", RecordBody.empty());
        ValidationFailed tooMany = assertThrows(ValidationFailed.class, () -> run(asRoot, any, any, any));
        FieldError err = (FieldError) tooMany.errors().get("requests");
        assertEquals("validation_length_too_long", err.code());
        assertEquals("The length must be no more than 2.", err.message());
        assertEquals(Map.of("min", 0, "max", 2), err.params());
    }

    @Test
    void eachInvalidItemIsReportedByIndex() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> run(asRoot,
                new Item(null, null, null, null),
                item("GET", "/valid", RecordBody.empty()),
                item("invalid", "/valid", RecordBody.empty()),
                item("POST", "a".repeat(2001), RecordBody.empty())));

        Map<String, ?> byIndex = ((ErrorGroup) e.errors().get("requests")).children();
        assertEquals(List.of("0", "2", "3"), List.copyOf(byIndex.keySet()));
        Map<String, ?> first = ((ErrorGroup) byIndex.get("0")).children();
        assertEquals("validation_required", ((FieldError) first.get("method")).code());
        assertEquals("validation_required", ((FieldError) first.get("url")).code());
        assertEquals("validation_in_invalid",
                ((FieldError) ((ErrorGroup) byIndex.get("2")).children().get("method")).code());
        FieldError url = (FieldError) ((ErrorGroup) byIndex.get("3")).children().get("url");
        assertEquals("validation_length_too_long", url.code());
        assertEquals(Map.of("min", 0, "max", 2000), url.params());
        assertEquals(0, tx.commits() + tx.rollbacks(), "nothing ran");
    }

    @Test
    void createUpdateUpsertAndDeleteRunInOrderAndCommitTogether() {
        List<Result> results = run(asRoot,
                item("POST", "/api/collections/posts/records", body("title", "new one")),
                item("PATCH", "/api/collections/posts/records/alicepost000001", body("views+", 2)),
                item("PUT", "/api/collections/posts/records", body("id", "bobpost00000001", "title", "upserted")),
                item("PUT", "/api/collections/posts/records", body("id", "fresh0000000001", "title", "inserted")),
                item("DELETE", "/api/collections/posts/records/alicepost000001", null));

        assertEquals(5, results.size());
        assertEquals("new one", assertInstanceOf(Saved.class, results.get(0)).record().get("title"));
        assertEquals(3.0, assertInstanceOf(Saved.class, results.get(1)).record().get("views"));
        assertEquals("bobpost00000001", assertInstanceOf(Saved.class, results.get(2)).record().id());
        assertEquals("fresh0000000001", assertInstanceOf(Saved.class, results.get(3)).record().id());
        assertInstanceOf(Deleted.class, results.get(4));
        assertEquals(List.of("inserted", "new one", "upserted"), titles());
        assertEquals(1, tx.commits(), "one transaction for the whole batch");
    }

    @Test
    void aFailingItemRollsBackEveryEarlierItem() {
        BatchFailed e = assertThrows(BatchFailed.class, () -> run(asRoot,
                item("POST", "/api/collections/posts/records", body("title", "batch1")),
                item("DELETE", "/api/collections/posts/records/bobpost00000001", null),
                item("POST", "/api/collections/posts/records", body("title", ""))));

        assertEquals("Batch transaction failed.", e.getMessage());
        assertEquals(2, e.index());
        ValidationFailed failure = assertInstanceOf(ValidationFailed.class, e.failure());
        assertEquals("Failed to create record.", failure.getMessage());
        assertEquals("validation_required", ((FieldError) failure.errors().get("title")).code());
        assertEquals(List.of("his", "mine"), titles(), "the create is undone and the delete too");
        assertEquals(1, tx.rollbacks());
    }

    @Test
    void itemsAreCheckedAgainstTheRulesOfTheCaller() {
        BatchFailed e = assertThrows(BatchFailed.class, () -> run(asAlice,
                item("POST", "/api/collections/posts/records", body("title", "ok", "author", alice.id())),
                item("DELETE", "/api/collections/posts/records/alicepost000001", null),
                item("PATCH", "/api/collections/posts/records/bobpost00000001", body("title", "hijack"))));

        assertEquals(2, e.index());
        assertInstanceOf(NotFound.class, e.failure(), "an update the rule hides is a 404, as the single route");
        assertTrue(records.find(posts, alicePost.id()).isPresent(), "the delete was rolled back");
        assertEquals("his", records.find(posts, bobPost.id()).orElseThrow().get("title"));
    }

    @Test
    void upsertOfAnUnknownCollectionFailsLikeACreate() {
        BatchFailed e = assertThrows(BatchFailed.class, () -> run(asRoot,
                item("PUT", "/api/collections/nope/records", body("id", "x00000000000001"))));
        assertEquals("Missing collection context.", assertInstanceOf(NotFound.class, e.failure()).getMessage());
    }

    @Test
    void unknownActionsFailTheBatchWithTheGenericBadRequest() {
        BatchFailed e = assertThrows(BatchFailed.class, () -> run(asRoot,
                item("POST", "/api/collections/posts/records", body("title", "first")),
                item("GET", "/api/health", RecordBody.empty())));

        assertEquals(1, e.index());
        assertEquals(BadRequest.GENERIC, assertInstanceOf(BadRequest.class, e.failure()).getMessage());
        assertEquals(List.of("his", "mine"), titles());

        for (Item wrong : List.of(item("PATCH", "/api/collections/posts/records", RecordBody.empty()),
                item("POST", "/api/collections/posts/records/x", RecordBody.empty()),
                item("DELETE", "/api/collections/posts/records/a/b", RecordBody.empty()),
                item("PUT", "/api/collections/posts/records/bobpost00000001", RecordBody.empty()))) {
            assertInstanceOf(BadRequest.class, assertThrows(BatchFailed.class, () -> run(asRoot, wrong)).failure());
        }
    }

    @Test
    void aSystemCallersItemsRunAsTheSystemCaller() {
        List<RequestInfo> seen = new ArrayList<>();
        hooks.onRecordCreateRequest().bind(e -> {
            seen.add(e.request());
            e.next();
        });

        run(RequestInfo.system(), item("POST", "/api/collections/posts/records", body("title", "sys")));

        assertEquals(RequestInfo.Caller.SYSTEM, seen.get(0).caller());
        assertEquals(Optional.empty(), seen.get(0).auth(), "no auth record behind the system caller");
    }

    @Test
    void itemsRunInTheBatchContextWithTheCallersAuthAndTheirOwnHeadersAndQuery() {
        List<RequestInfo> seen = new ArrayList<>();
        hooks.onRecordCreateRequest().bind(e -> {
            seen.add(e.request());
            e.next();
        });
        hooks.onRecordUpdateRequest().bind(e -> {
            seen.add(e.request());
            e.next();
        });

        run(asAlice,
                new Item("POST", "/api/collections/posts/records?expand=author&x=a%20b",
                        body("title", "t", "author", alice.id()),
                        List.of(new BatchRecords.Header("Authorization", "someone-else"),
                                new BatchRecords.Header("X-Custom", "yes"))),
                item("PUT", "/api/collections/posts/records", body("id", "alicepost000001", "title", "upd")));

        RequestInfo create = seen.get(0);
        assertEquals("batch", create.context());
        assertEquals("POST", create.method());
        assertEquals(Optional.of(alice), create.auth());
        assertEquals("alice-token", create.headers().get("authorization"), "an item cannot swap the auth header");
        assertEquals("yes", create.headers().get("x_custom"));
        assertEquals(Map.of("expand", "author", "x", "a b"), create.query());
        assertEquals("PATCH", seen.get(1).method(), "an upsert of an existing id is an update");
    }

    @Test
    void expandOfTheItemUrlIsApplied() {
        List<Result> results = run(asRoot, item("POST", "/api/collections/posts/records?expand=author",
                body("title", "t", "author", alice.id())));

        Record saved = ((Saved) results.get(0)).record();
        assertEquals(alice.id(), ((Record) saved.expand().get("author")).id());
    }

    @Test
    void afterSuccessHooksFireOnlyOnceTheWholeBatchCommitted() {
        List<String> seen = new ArrayList<>();
        hooks.onRecordAfterCreateSuccess().bind(e -> {
            seen.add(e.record().text("title"));
            e.next();
        });

        assertThrows(BatchFailed.class, () -> run(asRoot,
                item("POST", "/api/collections/posts/records", body("title", "a")),
                item("POST", "/api/collections/posts/records", body())));
        assertEquals(List.of(), seen, "nothing committed, nothing announced");

        run(asRoot, item("POST", "/api/collections/posts/records", body("title", "a")),
                item("POST", "/api/collections/posts/records", body("title", "b")));
        assertEquals(List.of("a", "b"), seen);
    }

    @Test
    void deletesCascadeInsideTheBatch() {
        records.put(record(comments, "id", "comment00000001", "post", alicePost.id(), "body", "hi"));

        List<Result> results = run(asRoot, item("DELETE", "/api/collections/posts/records/alicepost000001", null),
                item("DELETE", "/api/collections/posts/records/bobpost00000001", null));

        assertEquals(List.of(new Deleted(), new Deleted()), results);
        assertTrue(records.all(posts).isEmpty());
        assertTrue(records.all(comments).isEmpty(), "cascade delete of the comment");
    }

    @Test
    void exceedingTheTimeoutRollsBackWithABareBadRequest() {
        hooks.onRecordCreate().bind(e -> {
            clock.advance(Duration.ofSeconds(2));
            e.next();
        });

        BadRequest e = assertThrows(BadRequest.class, () -> run(asRoot,
                item("POST", "/api/collections/posts/records", body("title", "slow1")),
                item("POST", "/api/collections/posts/records", body("title", "slow2"))));

        assertEquals("Batch transaction failed.", e.getMessage());
        assertEquals(List.of("his", "mine"), titles());
    }

    @Test
    void anUnexpectedErrorOfAnItemIsTheGenericBadRequestAtItsIndex() {
        hooks.onRecordDelete().bind(e -> {
            throw new IllegalStateException("disk on fire");
        });

        BatchFailed e = assertThrows(BatchFailed.class, () -> run(asRoot,
                item("POST", "/api/collections/posts/records", body("title", "ok")),
                item("DELETE", "/api/collections/posts/records/bobpost00000001", null)));

        assertEquals(1, e.index());
        assertEquals(BadRequest.GENERIC, assertInstanceOf(BadRequest.class, e.failure()).getMessage());
        assertEquals(List.of("his", "mine"), titles());
    }

    @Test
    void itemQueryDecodesLikeGoAndSkipsBrokenPairs() {
        Item i = item("POST", "/api/x?a=1&a=2&b=c+d&bad=%zz&e#frag", RecordBody.empty());
        assertEquals(List.of(new BatchRecords.QueryParam("a", "1"), new BatchRecords.QueryParam("b", "c d"),
                new BatchRecords.QueryParam("e", "")), i.query());
        assertEquals("1", i.query("a"));
        assertEquals("", i.query("missing"));
        assertEquals("/api/x", i.path());
    }
}
