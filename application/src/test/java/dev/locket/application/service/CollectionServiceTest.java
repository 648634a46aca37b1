package dev.locket.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Page;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.record.Ids;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollectionServiceTest {
    InMemoryCollectionStore collections;
    InMemoryRecordStore records;
    CollectionService service;
    RequestInfo asRoot;
    RequestInfo asUser;

    @BeforeEach
    void setUp() {
        List<Collection> system = SystemCollections.all("2026-01-01 00:00:00.000Z", new SplittableRandom(1));
        collections = new InMemoryCollectionStore(system.toArray(Collection[]::new));
        records = new InMemoryRecordStore();
        var tx = new InMemoryTransactions(records, collections);
        service = new CollectionService(collections, records, tx, new Hooks(),
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), new SplittableRandom(2));
        AuthCollection superusers = (AuthCollection) collections.find("_superusers").orElseThrow();
        AuthCollection users = (AuthCollection) collections.find("users").orElseThrow();
        asRoot = RequestInfo.superuser(Fixtures.authRecord(superusers, "root00000000000", "r@x.io", "h"));
        asUser = RequestInfo.superuser(Fixtures.authRecord(users, "user00000000000", "u@x.io", "h"));
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static FieldError error(ValidationFailed e, String key) {
        return (FieldError) e.errors().get(key);
    }

    @Test
    void onlySuperusersManageCollections() {
        assertThrows(Unauthorized.class, () -> service.view("users", RequestInfo.guest()));
        Forbidden e = assertThrows(Forbidden.class, () -> service.view("users", asUser));
        assertEquals("The authorized record is not allowed to perform this action.", e.getMessage());
    }

    @Test
    void createsABaseCollectionWithGeneratedIdsAndTheIdField() {
        Collection posts = service.create(map("name", "posts", "fields", List.of(map("name", "title", "type", "text"))),
                asRoot);

        assertEquals(Ids.collectionId("base", "posts"), posts.id());
        assertEquals(List.of("id", "title"), posts.fields().stream().map(Field::name).toList());
        assertEquals(Ids.fieldId("text", "title"), posts.field("title").orElseThrow().id());
        assertEquals("2026-01-02 03:04:05.000Z", posts.created());
        assertTrue(collections.find("posts").isPresent());
    }

    @Test
    void createsAnAuthCollectionWithDefaultFieldsIndexesAndSecrets() {
        AuthCollection members = (AuthCollection) service.create(map("name", "members", "type", "auth"), asRoot);

        assertEquals(List.of("id", "password", "tokenKey", "email", "emailVisibility", "verified"),
                members.fields().stream().map(Field::name).toList());
        assertEquals(2, members.indexes().size());
        assertEquals(50, members.auth().authToken().secret().length());
    }

    @Test
    void collectionIdGetsASuffixWhenTaken() {
        Collection first = service.create(map("name", "a1"), asRoot);
        service.delete("a1", asRoot);
        service.create(map("name", "other", "id", first.id()), asRoot);

        Collection again = service.create(map("name", "a1"), asRoot);

        assertEquals(first.id() + "2", again.id());
    }

    @Test
    void namesMustBeUniqueCaseInsensitivelyAndWellFormed() {
        ValidationFailed dup = assertThrows(ValidationFailed.class, () -> service.create(map("name", "USERS"), asRoot));
        assertEquals("Failed to create collection.", dup.getMessage());
        assertEquals("validation_collection_name_exists", error(dup, "name").code());

        ValidationFailed bad = assertThrows(ValidationFailed.class, () -> service.create(map("name", "a b"), asRoot));
        assertEquals("validation_match_invalid", error(bad, "name").code());

        ValidationFailed blank = assertThrows(ValidationFailed.class, () -> service.create(map(), asRoot));
        assertEquals("validation_required", error(blank, "name").code());
    }

    @Test
    void reservedAndDuplicateFieldNamesAreRejected() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.create(map("name", "things", "fields",
                List.of(map("name", "expand", "type", "text"))), asRoot));
        ErrorGroup fields = (ErrorGroup) e.errors().get("fields");
        ErrorGroup second = (ErrorGroup) fields.children().get("1"); // the id field was added first
        // upstream: the filter literals and a record's dynamic keys are simply not valid names
        assertEquals("validation_not_in_invalid", ((FieldError) second.children().get("name")).code());

        ValidationFailed auth = assertThrows(ValidationFailed.class, () -> service.create(map("name", "members",
                "type", "auth", "fields", List.of(map("name", "oldPassword", "type", "text"),
                        map("name", "expand", "type", "text"), map("name", "passwordConfirm", "type", "text"))),
                asRoot));
        ErrorGroup authFields = (ErrorGroup) auth.errors().get("fields");
        // the auth-only reserved keys are checked first and alone (no error for "expand" then), with the auth
        // fields appended after the submitted ones
        assertEquals(java.util.Set.of("1", "3"), authFields.children().keySet());
        assertEquals("validation_reserved_field_name",
                ((FieldError) ((ErrorGroup) authFields.children().get("3")).children().get("name")).code());
    }

    @Test
    void submittedSystemFieldsKeepTheirOptionsButGetTheSystemFlags() {
        AuthCollection created = (AuthCollection) service.create(map("name", "members", "type", "auth", "fields",
                List.of(map("name", "tokenKey", "type", "text", "system", true, "required", false, "min", 10),
                        map("name", "id", "type", "text", "primaryKey", false))), asRoot);
        var tokenKey = (dev.locket.domain.field.TextField) created.field("tokenKey").orElseThrow();
        assertEquals(true, tokenKey.required());
        assertEquals(true, tokenKey.hidden());
        assertEquals(10, tokenKey.min());
        var id = (dev.locket.domain.field.TextField) created.field("id").orElseThrow();
        assertEquals(true, id.primaryKey());
        assertEquals("^[a-z0-9]+$", id.pattern());
        // a submitted default field stays where it was sent; the missing ones are appended
        assertEquals(List.of("tokenKey", "id", "password", "email", "emailVisibility", "verified"),
                created.fields().stream().map(dev.locket.domain.field.Field::name).toList());
    }

    @Test
    void rulesMustParseAndResolveAgainstTheCollection() {
        ValidationFailed syntax = assertThrows(ValidationFailed.class,
                () -> service.create(map("name", "posts", "listRule", "title = ("), asRoot));
        assertEquals("validation_invalid_rule", error(syntax, "listRule").code());
        assertTrue(error(syntax, "listRule").message().contains("(at character "), error(syntax, "listRule").message());

        ValidationFailed unknown = assertThrows(ValidationFailed.class, () -> service.create(map("name", "posts",
                "viewRule", "nope = 1"), asRoot));
        assertEquals("validation_invalid_rule", error(unknown, "viewRule").code());
        assertTrue(collections.find("posts").isEmpty(), "the failed create was rolled back");

        Collection ok = service.create(map("name", "posts", "listRule", "id != ''"), asRoot);
        assertEquals("id != ''", ok.rules().list().raw());
    }

    @Test
    void updateMergesTheBodyAndKeepsSystemNamesAndTypes() {
        Collection posts = service.create(map("name", "posts", "fields", List.of(map("name", "title", "type", "text"))),
                asRoot);

        Collection renamed = service.update(posts.id(), map("name", "articles", "listRule", ""), asRoot);
        assertEquals("articles", renamed.name());
        assertEquals("", renamed.rules().list().raw());
        assertEquals(2, renamed.fields().size(), "fields are kept when not submitted");

        ValidationFailed type = assertThrows(ValidationFailed.class,
                () -> service.update(posts.id(), map("type", "auth"), asRoot));
        assertEquals("validation_collection_type_change", error(type, "type").code());

        ValidationFailed system = assertThrows(ValidationFailed.class,
                () -> service.update("_superusers", map("name", "admins"), asRoot));
        assertEquals("validation_collection_system_name_change", error(system, "name").code());
    }

    @Test
    void submittedFieldsReplaceTheListButSystemFieldsCannotGo() {
        Collection posts = service.create(map("name", "posts", "fields", List.of(map("name", "title", "type", "text"))),
                asRoot);
        List<Object> onlyId = new ArrayList<>();
        onlyId.add(new LinkedHashMap<>(dev.locket.domain.collection.CollectionCodec.fieldToMap(posts.fields().get(0))));

        Collection trimmed = service.update(posts.id(), map("fields", onlyId), asRoot);
        assertEquals(List.of("id"), trimmed.fields().stream().map(Field::name).toList());

        // As upstream, a list without the id field gets the default one back (here with the same id).
        Collection readded = service.update(posts.id(), map("fields", List.of(map("name", "x", "type", "text"))),
                asRoot);
        assertEquals(List.of("id", "x"), readded.fields().stream().map(Field::name).toList());
    }

    @Test
    void aSystemFieldWithAnotherIdCannotBeDroppedOrReplaced() {
        // Older data dirs (like the fixture's demo1) have id fields whose id is not the generated one.
        Collection legacy = new dev.locket.domain.collection.BaseCollection("legacy000000001", "legacy", false,
                List.of(new dev.locket.domain.field.TextField(Fixtures.meta("text", "id", true, false)
                        .withId("_pbf_text_id_"), true, 15, 15, "^[a-z0-9]+$", "[a-z0-9]{15}", true),
                        Fixtures.text("title", false)),
                dev.locket.domain.collection.CollectionRules.locked(), List.of(), "", "");
        collections.create(legacy);

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.update("legacy",
                map("name", "new", "fields", List.of(map("name", "created", "type", "text"))), asRoot));

        assertEquals("validation_system_field_change", error(e, "fields").code());
        assertEquals(List.of("fields"), List.copyOf(e.errors().keySet()));
    }

    @Test
    void updateReportsEveryProblemAtOnce() {
        service.create(map("name", "demo1"), asRoot);
        service.create(map("name", "demo2"), asRoot);

        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> service.update("demo1", map("name", "demo2", "type", "auth"), asRoot));

        assertEquals("Failed to update collection.", e.getMessage());
        assertEquals("validation_collection_name_exists", error(e, "name").code());
        assertEquals("validation_collection_type_change", error(e, "type").code());
    }

    @Test
    void invalidIndexesAreReportedByPosition() {
        service.create(map("name", "other", "fields", List.of(map("name", "a", "type", "text")),
                "indexes", List.of("create index idx_taken on other (a)")), asRoot);

        ValidationFailed bad = assertThrows(ValidationFailed.class, () -> service.create(map("name", "posts",
                "fields", List.of(map("name", "title", "type", "text")),
                "indexes", List.of("create index idx_ok on posts (title)", "create unique idx_x on posts (title)")),
                asRoot));
        assertEquals("validation_invalid_index_expression", indexError(bad, "1").code());

        ValidationFailed duplicateName = assertThrows(ValidationFailed.class, () -> service.create(map("name", "posts",
                "fields", List.of(map("name", "title", "type", "text")),
                "indexes", List.of("create index idx_a on posts (title)", "create index IDX_A on posts (id)")), asRoot));
        assertEquals("validation_duplicated_index_name", indexError(duplicateName, "1").code());

        ValidationFailed usedElsewhere = assertThrows(ValidationFailed.class, () -> service.create(map("name", "posts",
                "fields", List.of(map("name", "title", "type", "text")),
                "indexes", List.of("create index idx_taken on posts (title)")), asRoot));
        FieldError used = indexError(usedElsewhere, "0");
        assertEquals("validation_existing_index_name", used.code());
        assertEquals("other", used.params().get("usedTableName"));

        ValidationFailed sameDefinition = assertThrows(ValidationFailed.class, () -> service.create(map("name",
                "posts", "fields", List.of(map("name", "title", "type", "text")),
                "indexes", List.of("create index idx_1 on posts (title)", "CREATE INDEX `idx_2` ON `posts` (`title`)")),
                asRoot));
        assertEquals("validation_duplicated_index_definition", indexError(sameDefinition, "1").code());
    }

    @Test
    void storeLevelIndexFailuresTakeTheUseCaseMessage() {
        // A store that rejects the index like SQLite would (unknown column).
        CollectionStore rejecting = new CollectionStore() {
            @Override
            public List<Collection> all() {
                return collections.all();
            }

            @Override
            public Optional<Collection> find(String idOrName) {
                return collections.find(idOrName);
            }

            @Override
            public void create(Collection collection) {
                throw ValidationFailed.of("Failed to save collection.", "indexes", new ErrorGroup(Map.of("0",
                        FieldError.of("validation_invalid_index_expression", "Failed to create index idx - no such column."))));
            }

            @Override
            public void update(Collection before, Collection after) {
                collections.update(before, after);
            }

            @Override
            public void delete(Collection collection) {
                collections.delete(collection);
            }

            @Override
            public List<String> viewColumns(String selectQuery) {
                return collections.viewColumns(selectQuery);
            }

            @Override
            public List<Record> viewSample(ViewCollection view, int limit) {
                return collections.viewSample(view, limit);
            }
        };
        CollectionService svc = new CollectionService(rejecting, records, new InMemoryTransactions(records, collections),
                new Hooks(), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), new SplittableRandom(2));

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> svc.create(map("name", "posts",
                "indexes", List.of("create index idx on posts (missing)")), asRoot));

        assertEquals("Failed to create collection.", e.getMessage());
        assertEquals("validation_invalid_index_expression", indexError(e, "0").code());
    }

    @Test
    void authCollectionsNeedUniqueIndexesOnTokenKeyEmailAndIdentityFields() {
        ValidationFailed noIndexes = assertThrows(ValidationFailed.class,
                () -> service.update("users", map("indexes", List.of()), asRoot));
        assertEquals("validation_invalid_unique_system_field_index", error(noIndexes, "indexes").code());
        AuthCollection created = (AuthCollection) service.create(map("name", "members", "type", "auth"), asRoot);
        AuthCollection bare = new AuthCollection("members2", "members2", false, created.fields(), created.rules(),
                List.of(), "", "", created.auth());
        collections.create(bare);
        ValidationFailed missing = assertThrows(ValidationFailed.class,
                () -> service.update("members2", map("listRule", ""), asRoot));
        assertEquals("validation_missing_required_unique_index", error(missing, "indexes").code());

        ValidationFailed identity = assertThrows(ValidationFailed.class, () -> service.update("users",
                map("passwordAuth", map("enabled", true, "identityFields", List.of("email", "verified"))), asRoot));
        FieldError e = (FieldError) ((ErrorGroup) identity.errors().get("passwordAuth")).children().get("identityFields");
        assertEquals("validation_missing_unique_constraint", e.code());
        assertEquals("verified", e.params().get("fieldName"));

        ValidationFailed unknown = assertThrows(ValidationFailed.class, () -> service.update("users",
                map("passwordAuth", map("identityFields", List.of("missing"))), asRoot));
        assertEquals("validation_missing_field", ((FieldError) ((ErrorGroup) unknown.errors().get("passwordAuth"))
                .children().get("identityFields")).code());
    }

    static FieldError indexError(ValidationFailed e, String position) {
        return (FieldError) ((ErrorGroup) e.errors().get("indexes")).children().get(position);
    }

    @Test
    void changingTheAuthRuleRegeneratesTheAuthTokenSecret() {
        AuthCollection users = (AuthCollection) collections.find("users").orElseThrow();
        AuthCollection same = (AuthCollection) service.update("users", map("listRule", ""), asRoot);
        assertEquals(users.auth().authToken().secret(), same.auth().authToken().secret(), "omitted secret is kept");

        AuthCollection changed = (AuthCollection) service.update("users", map("authRule", "verified = true"), asRoot);
        assertNotEquals(users.auth().authToken().secret(), changed.auth().authToken().secret());
    }

    @Test
    void deleteProtectsSystemAndReferencedCollections() {
        assertThrows(BadRequest.class, () -> service.delete("_superusers", asRoot));
        Collection users = collections.find("users").orElseThrow();
        service.create(map("name", "posts", "fields", List.of(map("name", "author", "type", "relation",
                "collectionId", users.id(), "maxSelect", 1))), asRoot);

        BadRequest e = assertThrows(BadRequest.class, () -> service.delete("users", asRoot));
        assertEquals("Failed to delete collection probably due to existing reference in posts.", e.getMessage());

        service.delete("posts", asRoot);
        assertTrue(collections.find("posts").isEmpty());
    }

    @Test
    void truncateDeletesRecordsWithCascades() {
        Collection tags = service.create(map("name", "tags"), asRoot);
        Collection posts = service.create(map("name", "posts", "fields", List.of(map("name", "tag", "type", "relation",
                "collectionId", tags.id(), "maxSelect", 1, "cascadeDelete", true))), asRoot);
        tags = collections.find("tags").orElseThrow();
        posts = collections.find("posts").orElseThrow();
        records.put(new Record(tags, map("id", "t1xxxxxxxxxxxxx")));
        records.put(new Record(posts, map("id", "p1xxxxxxxxxxxxx", "tag", "t1xxxxxxxxxxxxx")));

        service.truncate("tags", asRoot);

        assertTrue(records.all(tags).isEmpty());
        assertTrue(records.all(posts).isEmpty(), "cascadeDelete applies");
    }

    @Test
    void listFiltersSortsAndPages() {
        service.create(map("name", "zeta"), asRoot);
        service.create(map("name", "alpha"), asRoot);

        Page<Collection> page = service.list(new ManageCollections.ListQuery(
                "system = false && (name = 'zeta' || name = 'alpha' || name = 'users')", "-name", 1, 2, false, asRoot));

        assertEquals(3, page.totalItems());
        assertEquals(2, page.totalPages());
        assertEquals(List.of("zeta", "users"), page.items().stream().map(Collection::name).toList());
        assertThrows(BadRequest.class, () -> service.list(
                new ManageCollections.ListQuery("nope = 1", "", 1, 30, false, asRoot)));
    }

    @Test
    void importCreatesUpdatesAndDeletesMissing() {
        service.create(map("name", "old"), asRoot);
        Collection users = collections.find("users").orElseThrow();
        Map<String, Object> usersItem = new LinkedHashMap<>(dev.locket.domain.collection.CollectionCodec.toApi(users));
        usersItem.put("listRule", "");

        service.importCollections(List.of(usersItem, map("name", "fresh")), true, asRoot);

        assertTrue(collections.find("old").isEmpty());
        assertTrue(collections.find("fresh").isPresent());
        assertEquals("", collections.find("users").orElseThrow().rules().list().raw());
        assertTrue(collections.find("_superusers").isPresent(), "system collections are never deleted");
    }

    @Test
    void importNeedsAtLeastOneCollection() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.importCollections(List.of(), true, asRoot));
        assertEquals("validation_required", error(e, "collections").code());
        assertTrue(collections.find("users").isPresent());
    }

    @Test
    void importValidationFailuresNameTheCollectionAndItsErrors() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.importCollections(List.of(
                map("name", "import1"),
                map("name", "import2", "fields", List.of(map("id", "koih1lqx", "name", "expand", "type", "text")))),
                false, asRoot));

        String message = error(e, "collections").message();
        assertEquals("validation_collections_import_failure", error(e, "collections").code());
        assertTrue(message.startsWith("Data validations failed for collection \"import2\""), message);
        assertTrue(message.contains("\"fields\": {"), message);
        assertTrue(message.contains("Must be a valid value."), message); // upstream's NotIn for "expand"
        assertFalse(message.contains("Raw error:"), message);
        assertTrue(collections.find("import1").isEmpty(), "the whole import is rolled back");
    }

    @Test
    void importWithDeleteMissingKeepsSystemFieldsAndDropsTheRest() {
        Collection legacy = new dev.locket.domain.collection.BaseCollection("legacy000000001", "legacy", false,
                List.of(new dev.locket.domain.field.TextField(Fixtures.meta("text", "id", true, false)
                        .withId("_pbf_text_id_"), true, 15, 15, "^[a-z0-9]+$", "[a-z0-9]{15}", true),
                        Fixtures.text("old", false)),
                dev.locket.domain.collection.CollectionRules.locked(), List.of(), "", "");
        collections.create(legacy);
        service.create(map("name", "gone"), asRoot);

        service.importCollections(List.of(map("name", "test123"), map("id", "legacy000000001", "name", "legacy",
                "fields", List.of(map("id", "_2hlxbmp", "name", "title", "type", "text", "required", true)),
                "indexes", List.of())), true, asRoot);

        Collection after = collections.find("legacy").orElseThrow();
        assertEquals(List.of("id", "title"), after.fields().stream().map(Field::name).toList());
        assertEquals("_pbf_text_id_", after.fields().get(0).id(), "the stored system field is kept as it was");
        assertTrue(collections.find("gone").isEmpty());
        assertTrue(collections.find("test123").isPresent());
    }

    @Test
    void importWithoutDeleteMissingKeepsFieldsTheItemLacks() {
        service.create(map("name", "posts", "fields", List.of(map("name", "title", "type", "text"))), asRoot);

        service.importCollections(List.of(map("name", "posts", "fields", List.of(map("name", "body", "type",
                "text")))), false, asRoot);

        assertEquals(List.of("id", "body", "title"),
                collections.find("posts").orElseThrow().fields().stream().map(Field::name).toList());
    }

    @Test
    void failedImportChangesNothing() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.importCollections(
                List.of(map("name", "fine"), map("name", "bad name")), false, asRoot));
        assertEquals("Failed to import collections.", e.getMessage());
        assertEquals("validation_collections_import_failure", error(e, "collections").code());
        assertTrue(collections.find("fine").isEmpty());
    }

    @Test
    void scaffoldsAreBlankCollectionsOfEachType() {
        Map<String, Collection> scaffolds = service.scaffolds(asRoot);
        assertEquals(List.of("base", "auth", "view"), List.copyOf(scaffolds.keySet()));
        assertEquals("", scaffolds.get("auth").name());
        assertInstanceOf(AuthCollection.class, scaffolds.get("auth"));
        assertFalse(scaffolds.get("base").fields().isEmpty());
        assertEquals(Optional.empty(), scaffolds.get("view").field("id"));
    }
}
