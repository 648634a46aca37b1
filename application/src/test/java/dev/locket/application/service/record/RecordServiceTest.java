package dev.locket.application.service.record;

import static dev.locket.application.fake.Fixtures.authRecord;
import static dev.locket.application.fake.Fixtures.base;
import static dev.locket.application.fake.Fixtures.created;
import static dev.locket.application.fake.Fixtures.hiddenText;
import static dev.locket.application.fake.Fixtures.number;
import static dev.locket.application.fake.Fixtures.record;
import static dev.locket.application.fake.Fixtures.relation;
import static dev.locket.application.fake.Fixtures.rules;
import static dev.locket.application.fake.Fixtures.text;
import static dev.locket.application.fake.Fixtures.updated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.fake.PlainHasher;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordAction;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import dev.locket.application.port.out.Page;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordServiceTest {
    static final String NOW = "2026-01-02 03:04:05.678Z";

    AuthCollection superusers = Fixtures.superusers();
    AuthCollection users = Fixtures.users();
    BaseCollection posts;
    BaseCollection comments;
    BaseCollection likes;
    BaseCollection pins;
    InMemoryCollectionStore collections;
    InMemoryRecordStore records;
    InMemoryTransactions tx;
    Hooks hooks;
    RecordService service;
    Record root;
    Record alice;
    Record bob;
    RequestInfo guest = RequestInfo.guest();
    RequestInfo asAlice;
    RequestInfo asBob;
    RequestInfo asRoot;

    @BeforeEach
    void setUp() {
        posts = base("posts", rules("", "", "author = @request.auth.id", "author = @request.auth.id",
                        "author = @request.auth.id"),
                text("title", true), relation("author", users.id(), false, false, 1), number("views"),
                hiddenText("secret"), created(), updated());
        comments = base("comments", Fixtures.open(), relation("post", posts.id(), true, true, 1), text("body", false));
        likes = base("likes", Fixtures.open(), relation("posts", posts.id(), false, false, 5));
        pins = base("pins", Fixtures.open(), relation("post", posts.id(), true, false, 1));
        ViewCollection stats = new ViewCollection("pbc_stats", "stats", false, List.of(Fixtures.idField()),
                Fixtures.open(), List.of(), "", "", "SELECT id FROM posts");
        collections = new InMemoryCollectionStore(superusers, users, posts, comments, likes, pins, stats);
        records = new InMemoryRecordStore();
        tx = new InMemoryTransactions(records, collections);
        hooks = new Hooks();
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
        service = new RecordService(collections, records, tx, new PlainHasher(), hooks, clock, new SplittableRandom(7));
        root = records.put(authRecord(superusers, "root00000000000", "root@example.com", "hashed:rootpass1"));
        alice = records.put(authRecord(users, "alice0000000000", "alice@example.com", "hashed:alicepass"));
        bob = records.put(authRecord(users, "bob000000000000", "bob@example.com", "hashed:bobpass12"));
        asAlice = as(alice);
        asBob = as(bob);
        asRoot = RequestInfo.superuser(root);
    }

    static RequestInfo as(Record auth) {
        return new RequestInfo(Optional.of(auth), "GET", Map.of(), Map.of(), Map.of(), "default");
    }

    Record create(String collection, RequestInfo request, Object... kv) {
        return service.create(new CreateRecord.Command(collection, body(kv), "", request));
    }

    static RecordBody body(Object... kv) {
        RecordBody.Builder b = RecordBody.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put((String) kv[i], kv[i + 1]);
        }
        return b.build();
    }

    static String code(ValidationFailed e, String field) {
        return ((FieldError) e.errors().get(field)).code();
    }

    @Test
    void findByFilterIsTheTrustedInProcessQueryOfEmbeddingCode() {
        for (int v = 1; v <= 5; v++) {
            create("posts", asRoot, "title", "t" + v, "views", v, "secret", v == 3 ? "" : "s");
        }
        // no list rule applies, the hidden field may be filtered, and an offset may straddle two pages
        List<Object> views = service.findByFilter("posts", "secret != ''", "-views", 2, 1).stream()
                .map(r -> r.get("views")).toList();
        assertEquals(List.of(4.0, 2.0), views);
        assertEquals(List.of(5.0, 4.0), service.findByFilter("posts", "secret != ''", "-views", 2, 0).stream()
                .map(r -> r.get("views")).toList());
        assertThrows(NotFound.class, () -> service.findByFilter("nope", "", "", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> service.findByFilter("posts", "", "", 0, 0));
    }

    @Test
    void createGeneratesIdAndAutodatesAndReturnsTheStoredRecord() {
        Record post = create("posts", asAlice, "title", "Hello", "author", alice.id(), "created", "1999-01-01");

        assertTrue(post.id().matches("[a-z0-9]{15}"));
        assertEquals("Hello", post.get("title"));
        assertEquals(NOW, post.get("created"), "client autodate values are ignored");
        assertEquals(NOW, post.get("updated"));
        Record stored = records.find(posts, post.id()).orElseThrow();
        assertEquals("Hello", stored.get("title"));
        assertEquals(NOW, stored.get("created"));
    }

    @Test
    void createAcceptsAClientSuppliedIdAndRejectsADuplicate() {
        create("posts", asAlice, "id", "custom000000001", "title", "A", "author", alice.id());

        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> create("posts", asAlice, "id", "custom000000001", "title", "B", "author", alice.id()));

        assertEquals("Failed to create record.", e.getMessage());
        assertEquals("validation_not_unique", code(e, "id"));
    }

    @Test
    void unknownCollectionIsNotFound() {
        NotFound e = assertThrows(NotFound.class, () -> create("nope", guest, "title", "x"));
        assertEquals("Missing collection context.", e.getMessage());
    }

    @Test
    void viewCollectionsAreReadOnly() {
        BadRequest e = assertThrows(BadRequest.class, () -> create("stats", asRoot));
        assertEquals("Unsupported collection type.", e.getMessage());
        assertThrows(BadRequest.class, () -> service.delete(new DeleteRecord.Command("stats", "x", asRoot)));
    }

    @Test
    void lockedCreateRuleIsForSuperusersOnly() {
        Forbidden e = assertThrows(Forbidden.class, () -> create("_superusers", asAlice, "email", "x@y.z"));
        assertEquals("Only superusers can perform this action.", e.getMessage());
    }

    @Test
    void failedCreateRuleIsABadRequestWithoutFieldErrors() {
        BadRequest e = assertThrows(BadRequest.class,
                () -> create("posts", asAlice, "title", "Hello", "author", bob.id()));
        assertEquals("Failed to create record.", e.getMessage());
        assertTrue(records.all(posts).isEmpty());
    }

    @Test
    void superusersBypassRules() {
        Record post = create("posts", asRoot, "title", "By root", "author", bob.id());
        assertEquals(bob.id(), post.get("author"));
    }

    @Test
    void validationErrorsAreReportedPerField() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> create("posts", asRoot));
        assertEquals("Failed to create record.", e.getMessage());
        assertEquals("validation_required", code(e, "title"));
    }

    @Test
    void missingRelationTargetsAreRejected() {
        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> create("posts", asRoot, "title", "x", "author", "nobody000000000"));
        assertEquals("validation_missing_rel_records", code(e, "author"));
    }

    @Test
    void hiddenFieldsAreNeitherWritableNorVisibleForNonSuperusers() {
        Record post = create("posts", asAlice, "title", "t", "author", alice.id(), "secret", "s3cret");

        assertFalse(post.values().containsKey("secret"), "hidden field is not returned");
        assertEquals("", records.find(posts, post.id()).orElseThrow().get("secret"), "hidden key was dropped");

        Record byRoot = create("posts", asRoot, "title", "t", "author", alice.id(), "secret", "s3cret");
        assertEquals("s3cret", byRoot.get("secret"));
    }

    @Test
    void listAppliesTheListRuleAndPaging() {
        records.put(record(posts, "id", "p1xxxxxxxxxxxxx", "title", "a", "author", alice.id()));
        records.put(record(posts, "id", "p2xxxxxxxxxxxxx", "title", "b", "author", bob.id()));
        BaseCollection guarded = posts;
        collections.update(posts, new BaseCollection(guarded.id(), guarded.name(), false, guarded.fields(),
                rules("author = @request.auth.id", "", "", "", ""), List.of(), "", ""));

        Page<Record> page = service.list(new ListRecords.Query("posts", "", "-title", 1, 30, false, "", asAlice));

        assertEquals(1, page.totalItems());
        assertEquals("p1xxxxxxxxxxxxx", page.items().get(0).id());
        Page<Record> all = service.list(new ListRecords.Query("posts", "", "-title", 1, 1, false, "", asRoot));
        assertEquals(2, all.totalItems());
        assertEquals(2, all.totalPages());
        assertEquals("b", all.items().get(0).get("title"));
    }

    @Test
    void nonSuperusersCannotFilterByRequestOrCollection() {
        Forbidden e = assertThrows(Forbidden.class, () -> service.list(
                new ListRecords.Query("posts", "title = '@request.auth.id'", "", 1, 30, false, "", asAlice)));
        assertEquals("Only superusers can filter by @request.", e.getMessage());
        Forbidden e2 = assertThrows(Forbidden.class, () -> service.list(
                new ListRecords.Query("posts", "", "@collection.users.name", 1, 30, false, "", guest)));
        assertEquals("Only superusers can filter by @collection.", e2.getMessage());
    }

    @Test
    void lockedListRuleIsForbidden() {
        Forbidden e = assertThrows(Forbidden.class,
                () -> service.list(new ListRecords.Query("_superusers", "", "", 1, 30, false, "", asAlice)));
        assertEquals("Only superusers can perform this action.", e.getMessage());
    }

    @Test
    void viewHiddenByTheRuleIsNotFound() {
        assertThrows(NotFound.class, () -> service.view(new ViewRecord.Query("users", bob.id(), "", asAlice)));
        Record self = service.view(new ViewRecord.Query("users", alice.id(), "", asAlice));
        assertEquals(alice.id(), self.id());
    }

    @Test
    void authRecordsNeverShowPasswordOrTokenKeyAndEmailOnlyWhenAllowed() {
        Record self = service.view(new ViewRecord.Query("users", alice.id(), "", asAlice));
        assertFalse(self.values().containsKey("password"));
        assertFalse(self.values().containsKey("tokenKey"));
        assertEquals("alice@example.com", self.get("email"), "own email is visible");

        Record byRoot = service.view(new ViewRecord.Query("users", bob.id(), "", asRoot));
        assertEquals("bob@example.com", byRoot.get("email"));
        assertFalse(byRoot.values().containsKey("password"), "not even superusers see the hash");
    }

    @Test
    void updateRuleFailureIsNotFoundAndIdCannotChange() {
        Record post = records.put(record(posts, "id", "p1xxxxxxxxxxxxx", "title", "a", "author", alice.id()));

        assertThrows(NotFound.class, () -> service.update(
                new UpdateRecord.Command("posts", post.id(), body("title", "x"), "", asBob)));
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.update(
                new UpdateRecord.Command("posts", post.id(), body("id", "other0000000000"), "", asAlice)));
        assertEquals("Failed to update record.", e.getMessage());
        assertEquals("validation_pk_change", code(e, "id"));

        Record changed = service.update(new UpdateRecord.Command("posts", post.id(), body("title", "new"), "", asAlice));
        assertEquals("new", changed.get("title"));
        assertEquals(NOW, changed.get("updated"));
    }

    @Test
    void createsAuthRecordsWithHashedPasswordAndGeneratedTokenKey() {
        Record user = create("users", guest, "email", "carol@example.com", "password", "carolpass",
                "passwordConfirm", "carolpass");

        Record stored = records.find(users, user.id()).orElseThrow();
        assertEquals("hashed:carolpass", stored.get("password"));
        assertEquals(50, stored.text("tokenKey").length());
        assertFalse(user.values().containsKey("password"));
        assertFalse(user.values().containsKey("email"), "a guest does not see a non-visible email");
    }

    @Test
    void authCreateChecksPasswordConfirmationFirst() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> create("users", guest,
                "email", "carol@example.com", "password", "carolpass", "passwordConfirm", "other"));
        assertEquals("validation_values_mismatch", code(e, "passwordConfirm"));

        ValidationFailed verified = assertThrows(ValidationFailed.class, () -> create("users", guest,
                "email", "c@example.com", "password", "carolpass", "passwordConfirm", "carolpass", "verified", true));
        assertEquals("validation_values_mismatch", code(verified, "verified"));
    }

    @Test
    void passwordChangeNeedsTheOldPasswordAndRotatesTheTokenKey() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.update(new UpdateRecord.Command(
                "users", alice.id(), body("password", "newpass123", "passwordConfirm", "newpass123"), "", asAlice)));
        assertEquals("validation_required", code(e, "oldPassword"));

        ValidationFailed wrong = assertThrows(ValidationFailed.class, () -> service.update(new UpdateRecord.Command(
                "users", alice.id(), body("password", "newpass123", "passwordConfirm", "newpass123",
                "oldPassword", "nope"), "", asAlice)));
        assertEquals("validation_invalid_old_password", code(wrong, "oldPassword"));

        service.update(new UpdateRecord.Command("users", alice.id(), body("password", "newpass123",
                "passwordConfirm", "newpass123", "oldPassword", "alicepass"), "", asAlice));

        Record stored = records.find(users, alice.id()).orElseThrow();
        assertEquals("hashed:newpass123", stored.get("password"));
        assertNotEquals(alice.get("tokenKey"), stored.get("tokenKey"));
    }

    @Test
    void emailChangeIsForSuperusersOnly() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.update(new UpdateRecord.Command(
                "users", alice.id(), body("email", "new@example.com"), "", asAlice)));
        assertEquals("validation_values_mismatch", code(e, "email"));

        service.update(new UpdateRecord.Command("users", alice.id(), body("email", "new@example.com"), "", asRoot));
        Record stored = records.find(users, alice.id()).orElseThrow();
        assertEquals("new@example.com", stored.get("email"));
        assertNotEquals(alice.get("tokenKey"), stored.get("tokenKey"), "email change rotates the token key");
    }

    @Test
    void deleteCascadesAndUnlinksReferences() {
        Record post = records.put(record(posts, "id", "p1xxxxxxxxxxxxx", "title", "a", "author", alice.id()));
        Record other = records.put(record(posts, "id", "p2xxxxxxxxxxxxx", "title", "b", "author", alice.id()));
        records.put(record(comments, "id", "c1xxxxxxxxxxxxx", "post", post.id()));
        records.put(record(likes, "id", "l1xxxxxxxxxxxxx", "posts", List.of(post.id(), other.id())));

        service.delete(new DeleteRecord.Command("posts", post.id(), asAlice));

        assertTrue(records.find(posts, post.id()).isEmpty());
        assertTrue(records.find(comments, "c1xxxxxxxxxxxxx").isEmpty(), "cascadeDelete removes the comment");
        assertEquals(List.of(other.id()), records.find(likes, "l1xxxxxxxxxxxxx").orElseThrow().get("posts"));
    }

    @Test
    void deleteFailsAndRollsBackWhenARequiredReferenceWouldBreak() {
        Record post = records.put(record(posts, "id", "p1xxxxxxxxxxxxx", "title", "a", "author", alice.id()));
        records.put(record(comments, "id", "c1xxxxxxxxxxxxx", "post", post.id()));
        records.put(record(pins, "id", "pin000000000000", "post", post.id()));

        BadRequest e = assertThrows(BadRequest.class,
                () -> service.delete(new DeleteRecord.Command("posts", post.id(), asRoot)));

        assertEquals("Failed to delete record. Make sure that the record is not part of a required relation reference.",
                e.getMessage());
        assertTrue(records.find(posts, post.id()).isPresent());
        assertTrue(records.find(comments, "c1xxxxxxxxxxxxx").isPresent(), "cascade rolled back");
    }

    @Test
    void deleteRuleFailureIsNotFound() {
        Record post = records.put(record(posts, "id", "p1xxxxxxxxxxxxx", "title", "a", "author", alice.id()));
        assertThrows(NotFound.class, () -> service.delete(new DeleteRecord.Command("posts", post.id(), asBob)));
    }

    @Test
    void expandsRelationsThatTheRequesterMayView() {
        records.put(record(posts, "id", "p1xxxxxxxxxxxxx", "title", "a", "author", alice.id()));
        records.put(record(posts, "id", "p2xxxxxxxxxxxxx", "title", "b", "author", bob.id()));

        Page<Record> page = service.list(new ListRecords.Query("posts", "", "title", 1, 30, false, "author", asAlice));

        Record first = page.items().get(0);
        Record second = page.items().get(1);
        Record author = (Record) first.expand().get("author");
        assertEquals(alice.id(), author.id());
        assertFalse(author.values().containsKey("tokenKey"));
        assertEquals(Map.of(), second.expand(), "bob is hidden from alice by the users viewRule");
    }

    @Test
    void invalidExpandPathsAreIgnoredAndBackRelationsExpand() {
        records.put(record(posts, "id", "p1xxxxxxxxxxxxx", "title", "a", "author", alice.id()));
        records.put(record(comments, "id", "c1xxxxxxxxxxxxx", "post", "p1xxxxxxxxxxxxx", "body", "hi"));

        Record onlyInvalid = service.view(new ViewRecord.Query("posts", "p1xxxxxxxxxxxxx", "title,author.nope", asRoot));
        assertNull(onlyInvalid.expand(), "every path failed: no expand key");

        Record back = service.view(new ViewRecord.Query("posts", "p1xxxxxxxxxxxxx", "comments_via_post", asRoot));
        @SuppressWarnings("unchecked")
        List<Record> list = (List<Record>) back.expand().get("comments_via_post");
        assertEquals("hi", list.get(0).get("body"));

        Record nested = service.view(new ViewRecord.Query("comments", "c1xxxxxxxxxxxxx", "post.author", asRoot));
        Record expandedPost = (Record) nested.expand().get("post");
        assertEquals(alice.id(), ((Record) expandedPost.expand().get("author")).id());
    }

    @Test
    void modelHookCanChangeTheRecordAndVetoTheWrite() {
        hooks.onRecordCreate("posts").bind(e -> {
            e.record(e.record().with("title", e.record().text("title").toUpperCase()));
            e.next();
        });
        Record post = create("posts", asRoot, "title", "loud", "author", alice.id());
        assertEquals("LOUD", records.find(posts, post.id()).orElseThrow().get("title"));

        hooks.onRecordCreate().bind(e -> {
            throw new BadRequest("vetoed");
        });
        assertThrows(BadRequest.class, () -> create("posts", asRoot, "title", "quiet", "author", alice.id()));
        assertEquals(1, records.all(posts).size());
    }

    @Test
    void afterCommitHooksSeeSuccessesAndErrors() {
        List<String> seen = new ArrayList<>();
        hooks.onRecordAfterCreateSuccess().bind(e -> {
            seen.add(e.action() + ":" + e.record().get("title"));
            e.next();
        });
        hooks.onRecordAfterCreateError().bind(e -> {
            seen.add("error:" + e.error().getClass().getSimpleName());
            e.next();
        });
        hooks.onRecordCreate().bind(e -> {
            if (e.record().text("title").equals("bad")) {
                throw new BadRequest("no");
            }
            e.next();
        });

        create("posts", asRoot, "title", "ok", "author", alice.id());
        assertThrows(BadRequest.class, () -> create("posts", asRoot, "title", "bad", "author", alice.id()));

        assertEquals(List.of(RecordAction.CREATE + ":ok", "error:BadRequest"), seen);
    }

    @Test
    void requestHookSeesTheFinalResponseRecord() {
        hooks.onRecordViewRequest("posts").bind(e -> {
            e.next();
            e.record(e.record().with("title", "decorated"));
        });
        records.put(record(posts, "id", "p1xxxxxxxxxxxxx", "title", "a", "author", alice.id()));

        Record viewed = service.view(new ViewRecord.Query("posts", "p1xxxxxxxxxxxxx", "", guest));

        assertEquals("decorated", viewed.get("title"));
    }

    @Test
    void managersChangeOtherUsersEmailsAndSeeThem() {
        var o = users.auth();
        AuthCollection managed = new AuthCollection(users.id(), users.name(), false, users.fields(),
                rules("", "", "", "", ""), List.of(), "", "", new dev.locket.domain.collection.AuthOptions(o.authRule(),
                dev.locket.domain.filter.AccessRule.of("@request.auth.name = 'boss'"), o.passwordAuth(), o.authToken(),
                o.passwordResetToken(), o.emailChangeToken(), o.verificationToken(), o.fileToken(), o.extra()));
        collections.update(users, managed);
        Record boss = records.put(authRecord(managed, "boss00000000000", "boss@example.com", "hashed:x")
                .with("name", "boss"));

        Record seenByBoss = service.view(new ViewRecord.Query("users", alice.id(), "", as(boss)));
        assertEquals("alice@example.com", seenByBoss.get("email"));
        assertFalse(service.view(new ViewRecord.Query("users", alice.id(), "", asBob)).values().containsKey("email"));

        service.update(new UpdateRecord.Command("users", alice.id(), body("email", "a2@example.com", "verified", false),
                "", as(boss)));
        assertEquals("a2@example.com", records.find(managed, alice.id()).orElseThrow().get("email"));
    }

    @Test
    void autogenerateModifierAppendsAFreshString() {
        BaseCollection codes = new BaseCollection("pbc_codes", "codes", false, List.of(Fixtures.idField(),
                new dev.locket.domain.field.TextField(Fixtures.meta("text", "code", false, false), false, 0, 0, "", "[0-9]{4}",
                        false)), Fixtures.open(), List.of(), "", "");
        collections.create(codes);

        Record r = create("codes", guest, "code:autogenerate", "INV-");

        assertTrue(r.text("code").matches("INV-[0-9]{4}"), r.text("code"));
    }

    @Test
    void unusedRulesAreIrrelevantForSuperusers() {
        CollectionRules locked = CollectionRules.locked();
        BaseCollection secret = base("vault", locked, text("note", false));
        collections.create(secret);
        Record note = create("vault", asRoot, "note", "x");
        assertEquals("x", service.view(new ViewRecord.Query("vault", note.id(), "", asRoot)).get("note"));
        assertThrows(Forbidden.class, () -> service.view(new ViewRecord.Query("vault", note.id(), "", asAlice)));
    }

    @Test
    void superusersAreAlwaysVerifiedAndTheLastOneCannotBeDeleted() {
        Record second = create("_superusers", asRoot, "email", "two@example.com", "password", "twopass12",
                "passwordConfirm", "twopass12");
        assertEquals(true, second.get("verified"));

        service.delete(new DeleteRecord.Command("_superusers", second.id(), asRoot));
        BadRequest e = assertThrows(BadRequest.class,
                () -> service.delete(new DeleteRecord.Command("_superusers", root.id(), asRoot)));
        assertEquals("You can't delete the only existing superuser.", e.getMessage());
        assertTrue(records.find(superusers, root.id()).isPresent());
    }

    @Test
    void controlCharactersInAJsonFieldAreAValidationErrorNotACrash() {
        // A string that is not JSON is Go-quoted upstream ("\x00"), which is not valid JSON either.
        BaseCollection docs = base("docs", Fixtures.open(), new dev.locket.domain.field.JsonField(
                Fixtures.meta("json", "data", false, false), false, 0));
        collections = new InMemoryCollectionStore(superusers, users, docs);
        service = new RecordService(collections, records, new InMemoryTransactions(records, collections),
                new PlainHasher(), hooks, Clock.systemUTC(), new SplittableRandom(7));

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> create("docs", asRoot, "data", "\0"));
        assertEquals("validation_invalid_json", ((FieldError) e.errors().get("data")).code());
        assertTrue(records.list(docs, new dev.locket.application.port.out.RecordQuery(null, null, List.of(), 1, 10, false,
                asRoot)).items().isEmpty());
    }

    @Test
    void badClientFiltersAndSortsGetTheGenericMessageNotTheParsersReason() {
        for (String[] fs : new String[][] {{"nosuch = 1", ""}, {"title =", ""}, {"", "nosuch"}, {"", "title,"}}) {
            BadRequest e = assertThrows(BadRequest.class, () -> service.list(
                    new ListRecords.Query("posts", fs[0], fs[1], 1, 30, false, "", asAlice)));
            assertEquals(BadRequest.GENERIC, e.getMessage(), String.join(" | ", fs));
        }
    }

    /**
     * Issue 14 item 12: upstream's randomized throttle (apis/record_crud.go). Only a non-superuser's filtered
     * list that found nothing, on a collection with a filter list rule, counts: 3 per 3 s per collection and
     * client IP pass, the next waits 0-500 ms.
     */
    @Test
    void repeatedEmptyFilteredListsAreThrottledOnlyWhereUpstreamThrottles() {
        List<java.time.Duration> waits = new ArrayList<>();
        service.listTiming().sleepWith(waits::add);
        java.util.function.BiFunction<String, RequestInfo, Integer> users = (filter, as) -> service.list(
                new ListRecords.Query("users", filter, "", 1, 30, false, "", as, "10.0.0.1")).items().size();

        for (int i = 0; i < 5; i++) {
            assertEquals(1, users.apply("name != 'x'", asAlice)); // found something: not counted
            assertEquals(0, users.apply("", guest)); // no client filter
            assertEquals(0, users.apply("name = 'nobody'", asRoot)); // superusers are never throttled
            assertEquals(0, service.list(new ListRecords.Query("posts", "title = 'none'", "", 1, 30, false, "",
                    asAlice, "10.0.0.1")).items().size()); // public list rule
            assertEquals(0, service.list(new ListRecords.Query("users", "name = 'nobody'", "", 1, 30, false, "",
                    asAlice)).items().size()); // no client IP: embedding code
        }
        assertEquals(List.of(), waits);

        for (int i = 0; i < 3; i++) {
            assertEquals(0, users.apply("name = 'nobody'", asAlice));
        }
        assertEquals(List.of(), waits, "three in the window pass");
        assertEquals(0, users.apply("name = 'nobody'", asAlice));
        assertEquals(1, waits.size(), "the fourth waits");
        assertTrue(waits.get(0).toMillis() >= 0 && waits.get(0).toMillis() < 500, waits.toString());
        assertEquals(0, service.list(new ListRecords.Query("users", "name = 'nobody'", "", 1, 30, false, "",
                asAlice, "10.0.0.2")).items().size());
        assertEquals(1, waits.size(), "counted per client IP");
    }
}
