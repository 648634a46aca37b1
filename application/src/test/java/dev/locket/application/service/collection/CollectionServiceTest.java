package dev.locket.application.service.collection;

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
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Page;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.collection.PasswordAuth;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

    static CollectionDraft named(String name) {
        return CollectionDraft.changes().name(name);
    }

    static TextField text(String name) {
        return new TextField(FieldMeta.named(name), false, 0, 0, "", "", false);
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
        Collection posts = service.create(named("posts").field(text("title")), asRoot);

        assertEquals(Ids.collectionId("base", "posts"), posts.id());
        assertEquals(List.of("id", "title"), posts.fields().stream().map(Field::name).toList());
        assertEquals(Ids.fieldId("text", "title"), posts.field("title").orElseThrow().id());
        assertEquals("2026-01-02 03:04:05.000Z", posts.created());
        assertTrue(collections.find("posts").isPresent());
    }

    @Test
    void createsAnAuthCollectionWithDefaultFieldsIndexesAndSecrets() {
        AuthCollection members = (AuthCollection) service.create(CollectionDraft.auth("members"), asRoot);

        assertEquals(List.of("id", "password", "tokenKey", "email", "emailVisibility", "verified"),
                members.fields().stream().map(Field::name).toList());
        assertEquals(2, members.indexes().size());
        assertEquals(50, members.auth().authToken().secret().length());
    }

    @Test
    void collectionIdGetsASuffixWhenTaken() {
        Collection first = service.create(named("a1"), asRoot);
        service.delete("a1", asRoot);
        service.create(named("other").id(first.id()), asRoot);

        Collection again = service.create(named("a1"), asRoot);

        assertEquals(first.id() + "2", again.id());
    }

    @Test
    void namesMustBeUniqueCaseInsensitivelyAndWellFormed() {
        ValidationFailed dup = assertThrows(ValidationFailed.class, () -> service.create(named("USERS"), asRoot));
        assertEquals("Failed to create collection.", dup.getMessage());
        assertEquals("validation_collection_name_exists", error(dup, "name").code());

        ValidationFailed bad = assertThrows(ValidationFailed.class, () -> service.create(named("a b"), asRoot));
        assertEquals("validation_match_invalid", error(bad, "name").code());

        ValidationFailed blank = assertThrows(ValidationFailed.class, () -> service.create(CollectionDraft.changes(), asRoot));
        assertEquals("validation_required", error(blank, "name").code());
    }

    @Test
    void reservedAndDuplicateFieldNamesAreRejected() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.create(named("things").field(text("expand")),
                asRoot));
        ErrorGroup fields = (ErrorGroup) e.errors().get("fields");
        ErrorGroup second = (ErrorGroup) fields.children().get("1"); // the id field was added first
        // upstream: the filter literals and a record's dynamic keys are simply not valid names
        assertEquals("validation_not_in_invalid", ((FieldError) second.children().get("name")).code());

        ValidationFailed auth = assertThrows(ValidationFailed.class, () -> service.create(CollectionDraft.auth("members")
                .fields(text("oldPassword"), text("expand"), text("passwordConfirm")), asRoot));
        ErrorGroup authFields = (ErrorGroup) auth.errors().get("fields");
        // the auth-only reserved keys are checked first and alone (no error for "expand" then), with the auth
        // fields appended after the submitted ones
        assertEquals(java.util.Set.of("1", "3"), authFields.children().keySet());
        assertEquals("validation_reserved_field_name",
                ((FieldError) ((ErrorGroup) authFields.children().get("3")).children().get("name")).code());
    }

    @Test
    void submittedSystemFieldsKeepTheirOptionsButGetTheSystemFlags() {
        AuthCollection created = (AuthCollection) service.create(CollectionDraft.auth("members")
                .fields(new TextField(new FieldMeta("", "tokenKey", true, false, false, ""), false, 10, 0, "", "", false),
                        new TextField(FieldMeta.named("id"), false, 0, 0, "", "", false)), asRoot);
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
                () -> service.create(named("posts").listRule("title = ("), asRoot));
        assertEquals("validation_invalid_rule", error(syntax, "listRule").code());
        assertTrue(error(syntax, "listRule").message().contains("(at character "), error(syntax, "listRule").message());

        ValidationFailed unknown = assertThrows(ValidationFailed.class, () -> service.create(named("posts")
                .viewRule("nope = 1"), asRoot));
        assertEquals("validation_invalid_rule", error(unknown, "viewRule").code());
        assertTrue(collections.find("posts").isEmpty(), "the failed create was rolled back");

        Collection ok = service.create(named("posts").listRule("id != ''"), asRoot);
        assertEquals("id != ''", ok.rules().list().raw());
    }

    @Test
    void updateMergesTheBodyAndKeepsSystemNamesAndTypes() {
        Collection posts = service.create(named("posts").field(text("title")), asRoot);

        Collection renamed = service.update(posts.id(), named("articles").listRule(""), asRoot);
        assertEquals("articles", renamed.name());
        assertEquals("", renamed.rules().list().raw());
        assertEquals(2, renamed.fields().size(), "fields are kept when not submitted");

        ValidationFailed type = assertThrows(ValidationFailed.class,
                () -> service.update(posts.id(), CollectionDraft.changes().type(CollectionType.AUTH), asRoot));
        assertEquals("validation_collection_type_change", error(type, "type").code());

        ValidationFailed system = assertThrows(ValidationFailed.class,
                () -> service.update("_superusers", named("admins"), asRoot));
        assertEquals("validation_collection_system_name_change", error(system, "name").code());
    }

    @Test
    void submittedFieldsReplaceTheListButSystemFieldsCannotGo() {
        Collection posts = service.create(named("posts").field(text("title")), asRoot);
        Collection trimmed = service.update(posts.id(), CollectionDraft.changes().fields(posts.fields().get(0)), asRoot);
        assertEquals(List.of("id"), trimmed.fields().stream().map(Field::name).toList());

        // As upstream, a list without the id field gets the default one back (here with the same id).
        Collection readded = service.update(posts.id(), CollectionDraft.changes().field(text("x")), asRoot);
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
                named("new").field(text("created")), asRoot));

        assertEquals("validation_system_field_change", error(e, "fields").code());
        assertEquals(List.of("fields"), List.copyOf(e.errors().keySet()));
    }

    @Test
    void updateReportsEveryProblemAtOnce() {
        service.create(named("demo1"), asRoot);
        service.create(named("demo2"), asRoot);

        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> service.update("demo1", named("demo2").type(CollectionType.AUTH), asRoot));

        assertEquals("Failed to update collection.", e.getMessage());
        assertEquals("validation_collection_name_exists", error(e, "name").code());
        assertEquals("validation_collection_type_change", error(e, "type").code());
    }

    @Test
    void invalidIndexesAreReportedByPosition() {
        service.create(named("other").field(text("a"))
                .index("create index idx_taken on other (a)"), asRoot);

        ValidationFailed bad = assertThrows(ValidationFailed.class, () -> service.create(named("posts")
                .field(text("title"))
                .indexes(List.of("create index idx_ok on posts (title)", "create unique idx_x on posts (title)")),
                asRoot));
        assertEquals("validation_invalid_index_expression", indexError(bad, "1").code());

        ValidationFailed duplicateName = assertThrows(ValidationFailed.class, () -> service.create(named("posts")
                .field(text("title"))
                .indexes(List.of("create index idx_a on posts (title)", "create index IDX_A on posts (id)")), asRoot));
        assertEquals("validation_duplicated_index_name", indexError(duplicateName, "1").code());

        ValidationFailed usedElsewhere = assertThrows(ValidationFailed.class, () -> service.create(named("posts")
                .field(text("title")).index("create index idx_taken on posts (title)"), asRoot));
        FieldError used = indexError(usedElsewhere, "0");
        assertEquals("validation_existing_index_name", used.code());
        assertEquals("other", used.params().get("usedTableName"));

        ValidationFailed sameDefinition = assertThrows(ValidationFailed.class, () -> service.create(named("posts")
                .field(text("title"))
                .indexes(List.of("create index idx_1 on posts (title)", "CREATE INDEX `idx_2` ON `posts` (`title`)")),
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

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> svc.create(named("posts")
                .index("create index idx on posts (missing)"), asRoot));

        assertEquals("Failed to create collection.", e.getMessage());
        assertEquals("validation_invalid_index_expression", indexError(e, "0").code());
    }

    @Test
    void authCollectionsNeedUniqueIndexesOnTokenKeyEmailAndIdentityFields() {
        ValidationFailed noIndexes = assertThrows(ValidationFailed.class,
                () -> service.update("users", CollectionDraft.changes().indexes(List.of()), asRoot));
        assertEquals("validation_invalid_unique_system_field_index", error(noIndexes, "indexes").code());
        AuthCollection created = (AuthCollection) service.create(CollectionDraft.auth("members"), asRoot);
        AuthCollection bare = new AuthCollection("members2", "members2", false, created.fields(), created.rules(),
                List.of(), "", "", created.auth());
        collections.create(bare);
        ValidationFailed missing = assertThrows(ValidationFailed.class,
                () -> service.update("members2", CollectionDraft.changes().listRule(""), asRoot));
        assertEquals("validation_missing_required_unique_index", error(missing, "indexes").code());

        ValidationFailed identity = assertThrows(ValidationFailed.class, () -> service.update("users",
                CollectionDraft.changes().passwordAuth(new PasswordAuth(true, List.of("email", "verified"))), asRoot));
        FieldError e = (FieldError) ((ErrorGroup) identity.errors().get("passwordAuth")).children().get("identityFields");
        assertEquals("validation_missing_unique_constraint", e.code());
        assertEquals("verified", e.params().get("fieldName"));

        ValidationFailed unknown = assertThrows(ValidationFailed.class, () -> service.update("users",
                CollectionDraft.changes().passwordAuth(new PasswordAuth(true, List.of("missing"))), asRoot));
        assertEquals("validation_missing_field", ((FieldError) ((ErrorGroup) unknown.errors().get("passwordAuth"))
                .children().get("identityFields")).code());
    }

    static FieldError indexError(ValidationFailed e, String position) {
        return (FieldError) ((ErrorGroup) e.errors().get("indexes")).children().get(position);
    }

    @Test
    void changingTheAuthRuleRegeneratesTheAuthTokenSecret() {
        AuthCollection users = (AuthCollection) collections.find("users").orElseThrow();
        AuthCollection same = (AuthCollection) service.update("users", CollectionDraft.changes().listRule(""), asRoot);
        assertEquals(users.auth().authToken().secret(), same.auth().authToken().secret(), "omitted secret is kept");

        AuthCollection changed = (AuthCollection) service.update("users", CollectionDraft.changes().authRule("verified = true"), asRoot);
        assertNotEquals(users.auth().authToken().secret(), changed.auth().authToken().secret());
    }

    @Test
    void deleteProtectsSystemAndReferencedCollections() {
        assertThrows(BadRequest.class, () -> service.delete("_superusers", asRoot));
        Collection users = collections.find("users").orElseThrow();
        service.create(named("posts").field(new RelationField(FieldMeta.named("author"), false, users.id(),
                false, 0, 1)), asRoot);

        BadRequest e = assertThrows(BadRequest.class, () -> service.delete("users", asRoot));
        assertEquals("Failed to delete collection probably due to existing reference in posts.", e.getMessage());

        service.delete("posts", asRoot);
        assertTrue(collections.find("posts").isEmpty());
    }

    @Test
    void truncateDeletesRecordsWithCascades() {
        Collection tags = service.create(named("tags"), asRoot);
        Collection posts = service.create(named("posts").field(new RelationField(FieldMeta.named("tag"), false,
                tags.id(), true, 0, 1)), asRoot);
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
        service.create(named("zeta"), asRoot);
        service.create(named("alpha"), asRoot);

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
        service.create(named("old"), asRoot);
        Collection users = collections.find("users").orElseThrow();
        CollectionDraft usersItem = CollectionDraft.of(users).listRule("");

        service.importCollections(new ManageCollections.Import(List.of(usersItem, named("fresh")), true), asRoot);

        assertTrue(collections.find("old").isEmpty());
        assertTrue(collections.find("fresh").isPresent());
        assertEquals("", collections.find("users").orElseThrow().rules().list().raw());
        assertTrue(collections.find("_superusers").isPresent(), "system collections are never deleted");
    }

    @Test
    void importNeedsAtLeastOneCollection() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.importCollections(new ManageCollections.Import(List.of(), true), asRoot));
        assertEquals("validation_required", error(e, "collections").code());
        assertTrue(collections.find("users").isPresent());
    }

    @Test
    void importValidationFailuresNameTheCollectionAndItsErrors() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.importCollections(new ManageCollections.Import(List.of(
                named("import1"),
                named("import2").field(new TextField(new FieldMeta("koih1lqx", "expand", false, false, false, ""),
                        false, 0, 0, "", "", false))),
                false), asRoot));

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
        service.create(named("gone"), asRoot);

        service.importCollections(new ManageCollections.Import(List.of(named("test123"),
                named("legacy").id("legacy000000001").field(new TextField(
                        new FieldMeta("_2hlxbmp", "title", false, false, false, ""), true, 0, 0, "", "", false))
                        .indexes(List.of())), true), asRoot);

        Collection after = collections.find("legacy").orElseThrow();
        assertEquals(List.of("id", "title"), after.fields().stream().map(Field::name).toList());
        assertEquals("_pbf_text_id_", after.fields().get(0).id(), "the stored system field is kept as it was");
        assertTrue(collections.find("gone").isEmpty());
        assertTrue(collections.find("test123").isPresent());
    }

    @Test
    void importWithoutDeleteMissingKeepsFieldsTheItemLacks() {
        service.create(named("posts").field(text("title")), asRoot);

        service.importCollections(new ManageCollections.Import(List.of(named("posts").field(text("body"))), false),
                asRoot);

        assertEquals(List.of("id", "body", "title"),
                collections.find("posts").orElseThrow().fields().stream().map(Field::name).toList());
    }

    @Test
    void failedImportChangesNothing() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.importCollections(
                new ManageCollections.Import(List.of(named("fine"), named("bad name")), false), asRoot));
        assertEquals("Failed to import collections.", e.getMessage());
        assertEquals("validation_collections_import_failure", error(e, "collections").code());
        assertTrue(collections.find("fine").isEmpty());
    }

    @Test
    void scaffoldsAreBlankCollectionsOfEachType() {
        ManageCollections.Scaffolds scaffolds = service.scaffolds(asRoot);
        assertEquals("", scaffolds.auth().name());
        assertInstanceOf(AuthCollection.class, scaffolds.auth());
        assertFalse(scaffolds.base().fields().isEmpty());
        assertEquals(Optional.empty(), scaffolds.view().field("id"));
    }
    @Test
    void theSystemCallerManagesCollectionsWithoutAnAuthRecord() {
        RequestInfo system = RequestInfo.system();
        assertEquals(RequestInfo.Caller.SYSTEM, system.caller());
        assertTrue(system.auth().isEmpty());

        Collection posts = service.create(CollectionDraft.base("posts").field(text("title")).listRule(""), system);
        Collection renamed = service.update("posts", CollectionDraft.changes().name("articles"), system);

        assertEquals("articles", renamed.name());
        assertEquals(posts.id(), renamed.id());
        assertEquals("", renamed.rules().list().raw());
        assertEquals(List.of("id", "title"), service.view("articles", system).fields().stream().map(Field::name).toList());
    }

    @Test
    void unreadablePartsAreReportedAfterTheAccessCheck() {
        CollectionDraft.Unreadable badName = new CollectionDraft.Unreadable(List.of("name"),
                FieldError.of("validation_invalid_value", "Invalid value."));
        CollectionDraft draft = CollectionDraft.changes().unreadable(CollectionDraft.Part.NAME, badName);

        assertThrows(Unauthorized.class, () -> service.create(draft, RequestInfo.guest()));
        assertThrows(Forbidden.class, () -> service.create(draft, asUser));
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.create(draft, asRoot));
        assertEquals("Failed to load the submitted data due to invalid formatting.", e.getMessage());
        assertEquals("validation_invalid_value", error(e, "name").code());
        assertThrows(NotFound.class, () -> service.update("missing", draft, asRoot));
    }

    @Test
    void anUnreadableFieldIsReportedWhereItEndsUpAfterTheDefaultFields() {
        CollectionDraft draft = named("posts").unreadableField(new CollectionDraft.UnreadableField("", "title", "text",
                "max", FieldError.of("validation_invalid_value", "Invalid value.")));

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.create(draft, asRoot));

        ErrorGroup second = (ErrorGroup) ((ErrorGroup) e.errors().get("fields")).children().get("1");
        assertEquals("validation_invalid_value", ((FieldError) second.children().get("max")).code());
    }

    @Test
    void partsTheTypeDoesNotHaveAreNotRead() {
        CollectionDraft.Unreadable badAuth = new CollectionDraft.Unreadable(List.of("passwordAuth", "enabled"),
                FieldError.of("validation_invalid_value", "Invalid value."));

        Collection posts = service.create(named("posts").unreadable(CollectionDraft.Part.PASSWORD_AUTH, badAuth),
                asRoot);
        assertEquals("posts", posts.name());

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.create(CollectionDraft.auth("members")
                .unreadable(CollectionDraft.Part.PASSWORD_AUTH, badAuth), asRoot));
        assertInstanceOf(ErrorGroup.class, e.errors().get("passwordAuth"));
    }

    @Test
    void anUnrecognisedTypeFailsACreateAndCountsAsATypeChangeOnUpdate() {
        ValidationFailed create = assertThrows(ValidationFailed.class,
                () -> service.create(named("posts").unrecognisedType("graph"), asRoot));
        assertEquals("Failed to create collection.", create.getMessage());
        assertEquals("validation_in_invalid", error(create, "type").code());
        assertEquals("base", service.create(named("plain").unrecognisedType(""), asRoot).type().wire());

        ValidationFailed update = assertThrows(ValidationFailed.class,
                () -> service.update("plain", CollectionDraft.changes().unrecognisedType(""), asRoot));
        assertEquals("validation_collection_type_change", error(update, "type").code());
    }

    @Test
    void anUnreadableFieldListTakesTheUseCaseMessage() {
        CollectionDraft draft = named("posts").unreadable(CollectionDraft.Part.FIELDS, new CollectionDraft.Unreadable(
                List.of("fields"), FieldError.of("validation_unsupported_value_type", "Invalid or unsupported value type.")));

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.create(draft, asRoot));

        assertEquals("Failed to create collection.", e.getMessage());
        assertEquals("validation_unsupported_value_type", error(e, "fields").code());
    }
}
