package dev.locket.application.service.record;

import static dev.locket.application.fake.Fixtures.auth;
import static dev.locket.application.fake.Fixtures.authOptions;
import static dev.locket.application.fake.Fixtures.authRecord;
import static dev.locket.application.fake.Fixtures.base;
import static dev.locket.application.fake.Fixtures.record;
import static dev.locket.application.fake.Fixtures.relation;
import static dev.locket.application.fake.Fixtures.rules;
import static dev.locket.application.fake.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.fake.PlainHasher;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The auth collections' manageRule: who may change email/verified/password and see hidden emails. */
class ManageRuleTest {
    /** Decided in memory: the requester's collection is known without the store. */
    static final String STAFF_MANAGE = "@request.auth.collectionName = 'staff'";
    /** Needs the store for requesters whose auth record lacks {@code name} (the store reads it). */
    static final String NAMED_MANAGE = "@request.auth.name != 'intern'";

    final AuthCollection staff = auth("staff", rules("", "", "", "", ""), authOptions("", null), text("name", false));
    InMemoryCollectionStore collections;
    InMemoryRecordStore stored;
    CountingStore records;
    RecordService service;
    AuthCollection users;
    BaseCollection notes;
    Record alice;
    Record bob;
    Record carol;
    RequestInfo asBoss;
    RequestInfo asBob;

    /** Sets up {@code users} (open rules) with the given manageRule, a staff manager and three users. */
    void start(String manageRule) {
        users = auth("users", rules("", "", "", "", ""), authOptions("", manageRule), text("name", false));
        notes = base("notes", rules("", "", "", "", ""), relation("owner", users.id(), false, false, 1));
        collections = new InMemoryCollectionStore(staff, users, notes);
        stored = new InMemoryRecordStore();
        records = new CountingStore(stored);
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
        service = new RecordService(collections, records, new InMemoryTransactions(stored, collections),
                new PlainHasher(), new Hooks(), clock, new SplittableRandom(3));
        alice = stored.put(authRecord(users, "alice0000000000", "alice@example.com", "hashed:alicepass"));
        bob = stored.put(authRecord(users, "bob000000000000", "bob@example.com", "hashed:bobpass12"));
        carol = stored.put(authRecord(users, "carol0000000000", "carol@example.com", "hashed:carolpass")
                .with("emailVisibility", true));
        Record boss = stored.put(authRecord(staff, "boss00000000000", "boss@example.com", "hashed:bosspass")
                .with("name", "boss"));
        asBoss = as(boss);
        asBob = as(bob);
    }

    static RequestInfo as(Record auth) {
        return new RequestInfo(Optional.of(auth), "GET", Map.of(), Map.of(), Map.of(), "default");
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

    Record view(String id, RequestInfo request) {
        return service.view(new ViewRecord.Query("users", id, "", request));
    }

    Page<Record> list(String collection, String expand, RequestInfo request) {
        return service.list(new ListRecords.Query(collection, "", "", 1, 30, false, expand, request));
    }

    @Test
    void managersChangeEmailVerifiedAndPasswordWithoutTheOldPassword() {
        start(STAFF_MANAGE);

        service.update(new UpdateRecord.Command("users", alice.id(), body("email", "a2@example.com",
                "verified", false, "password", "newpass123", "passwordConfirm", "newpass123"), "", asBoss));

        Record after = stored.find(users, alice.id()).orElseThrow();
        assertEquals("a2@example.com", after.get("email"));
        assertEquals(false, after.get("verified"));
        assertEquals("hashed:newpass123", after.get("password"));
        assertEquals(0, records.findMatchingCalls, "an in-memory decidable manageRule needs no query");
    }

    @Test
    void managersDecidedByTheStoreChangeEmailToo() {
        start(NAMED_MANAGE);

        // bob's auth record carries no name: only the store can answer
        service.update(new UpdateRecord.Command("users", alice.id(), body("email", "a3@example.com"), "", asBob));

        assertEquals("a3@example.com", stored.find(users, alice.id()).orElseThrow().get("email"));
        assertEquals(1, records.findMatchingCalls);
    }

    @Test
    void nonManagersNeedTheOldPasswordAndCannotChangeEmailOrVerified() {
        start(STAFF_MANAGE);

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.update(new UpdateRecord.Command(
                "users", alice.id(), body("email", "a2@example.com", "verified", false, "password", "newpass123",
                "passwordConfirm", "newpass123"), "", asBob)));

        assertEquals("validation_required", code(e, "oldPassword"));
        assertEquals("validation_values_mismatch", code(e, "email"));
        assertEquals("validation_values_mismatch", code(e, "verified"));
        assertEquals(alice, stored.find(users, alice.id()).orElseThrow());
    }

    @Test
    void aLockedManageRuleLeavesManagementToSuperusers() {
        start(null);

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.update(new UpdateRecord.Command(
                "users", alice.id(), body("email", "a2@example.com"), "", asBoss)));
        assertEquals("validation_values_mismatch", code(e, "email"));
        assertFalse(view(alice.id(), asBoss).values().containsKey("email"));
    }

    @Test
    void managersCreateVerifiedRecords() {
        start(STAFF_MANAGE);

        Record created = service.create(new CreateRecord.Command("users", body("email", "d@example.com",
                "password", "dpass1234", "passwordConfirm", "dpass1234", "verified", true), "", asBoss));
        assertEquals(true, stored.find(users, created.id()).orElseThrow().get("verified"));
        assertEquals("d@example.com", created.get("email"), "the manager sees the new record's email");

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.create(new CreateRecord.Command(
                "users", body("email", "e@example.com", "password", "epass1234", "passwordConfirm", "epass1234",
                        "verified", true), "", RequestInfo.guest())));
        assertEquals("validation_values_mismatch", code(e, "verified"));
    }

    @Test
    void managersSeeHiddenEmailsOthersOnlyVisibleOnesAndTheirOwn() {
        start(STAFF_MANAGE);

        assertEquals("alice@example.com", view(alice.id(), asBoss).get("email"));
        assertFalse(view(alice.id(), asBob).values().containsKey("email"));
        assertEquals("bob@example.com", view(bob.id(), asBob).get("email"), "own email");
        assertEquals("carol@example.com", view(carol.id(), asBob).get("email"), "emailVisibility");
        assertFalse(view(alice.id(), RequestInfo.guest()).values().containsKey("email"));
    }

    @Test
    void listsDecidedInMemoryQueryNothingPerRow() {
        start(STAFF_MANAGE);

        Page<Record> page = list("users", "", asBoss);

        assertEquals(3, page.items().size());
        page.items().forEach(r -> assertTrue(r.values().containsKey("email"), r.id()));
        assertEquals(0, records.findMatchingCalls);
        assertEquals(0, records.matchingIdsCalls);
    }

    @Test
    void listsNeedingTheStoreAskOnceForThePageIncludingExpandedRecords() {
        start(NAMED_MANAGE);
        stored.put(record(notes, "id", "note10000000000", "owner", alice.id()));
        stored.put(record(notes, "id", "note20000000000", "owner", bob.id()));

        Page<Record> usersPage = list("users", "", asBob);
        assertEquals(3, usersPage.items().size());
        usersPage.items().forEach(r -> assertTrue(r.values().containsKey("email"), r.id()));
        assertEquals(1, records.matchingIdsCalls);
        // bob's own record and carol's visible email need no rule at all
        assertEquals(Set.of(alice.id()), records.lastIds);

        Page<Record> notesPage = list("notes", "owner", asBob);
        for (Record note : notesPage.items()) {
            Record owner = (Record) note.expand().get("owner");
            assertTrue(owner.values().containsKey("email"), owner.id());
        }
        assertEquals(2, records.matchingIdsCalls);
        assertEquals(0, records.findMatchingCalls);
    }

    @Test
    void storeAnswersAreAppliedPerRecord() {
        start("@request.auth.name = name");
        stored.put(stored.find(users, alice.id()).orElseThrow().with("name", "private"));
        Record dave = stored.put(authRecord(users, "dave00000000000", "dave@example.com", "hashed:davepass"));

        Map<String, Record> byId = new LinkedHashMap<>();
        list("users", "", asBob).items().forEach(r -> byId.put(r.id(), r));

        assertFalse(byId.get(alice.id()).values().containsKey("email"));
        assertEquals("dave@example.com", byId.get(dave.id()).get("email"));
        assertEquals(1, records.matchingIdsCalls);
        assertEquals(Set.of(alice.id(), dave.id()), records.lastIds);
    }

    /** Counts the rule queries the service makes; everything else goes straight to the fake. */
    static final class CountingStore implements RecordStore {
        final InMemoryRecordStore delegate;
        int findMatchingCalls;
        int matchingIdsCalls;
        Set<String> lastIds = Set.of();

        CountingStore(InMemoryRecordStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Record> find(Collection collection, String id) {
            return delegate.find(collection, id);
        }

        @Override
        public Optional<Record> findMatching(Collection collection, String id, dev.locket.domain.filter.BoundFilter filter, RequestInfo request) {
            findMatchingCalls++;
            return delegate.findMatching(collection, id, filter, request);
        }

        @Override
        public Set<String> matchingIds(Collection collection, List<String> ids, dev.locket.domain.filter.BoundFilter filter,
                                       RequestInfo request) {
            matchingIdsCalls++;
            lastIds = Set.copyOf(ids);
            return delegate.matchingIds(collection, ids, filter, request);
        }

        @Override
        public List<Record> findByIds(Collection collection, List<String> ids) {
            return delegate.findByIds(collection, ids);
        }

        @Override
        public Page<Record> list(Collection collection, RecordQuery query) {
            return delegate.list(collection, query);
        }

        @Override
        public boolean draftMatches(Collection collection, Record draft, dev.locket.domain.filter.BoundFilter filter, RequestInfo request) {
            return delegate.draftMatches(collection, draft, filter, request);
        }

        @Override
        public List<Record> findReferencing(Collection collection, String field, String id) {
            return delegate.findReferencing(collection, field, id);
        }

        @Override
        public List<Record> findReferencingAny(Collection collection, String field, List<String> ids) {
            return delegate.findReferencingAny(collection, field, ids);
        }

        @Override
        public void insert(Collection collection, Record record) {
            delegate.insert(collection, record);
        }

        @Override
        public void update(Collection collection, Record record) {
            delegate.update(collection, record);
        }

        @Override
        public void delete(Collection collection, String id) {
            delegate.delete(collection, id);
        }

        @Override
        public void deleteAll(Collection collection) {
            delegate.deleteAll(collection);
        }
    }
}
