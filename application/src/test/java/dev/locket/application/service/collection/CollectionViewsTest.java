package dev.locket.application.service.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** View collections: query validation, field inference, saving and the dry run. */
class CollectionViewsTest {
    InMemoryCollectionStore collections;
    CollectionService service;
    RequestInfo asRoot;
    Collection posts;

    @BeforeEach
    void setUp() {
        List<Collection> system = SystemCollections.all("2026-01-01 00:00:00.000Z", new SplittableRandom(1));
        collections = new InMemoryCollectionStore(system.toArray(Collection[]::new));
        InMemoryRecordStore records = new InMemoryRecordStore();
        service = new CollectionService(collections, records, new InMemoryTransactions(records, collections),
                new Hooks(), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), new SplittableRandom(2));
        AuthCollection superusers = (AuthCollection) collections.find("_superusers").orElseThrow();
        asRoot = RequestInfo.superuser(Fixtures.authRecord(superusers, "root00000000000", "r@x.io", "h"));
        posts = service.create(CollectionDraft.base("posts").fields(
                new TextField(FieldMeta.named("title"), true, 0, 20, "", "", false),
                new SelectField(FieldMeta.named("tags"), false, List.of("a", "b"), 2),
                new NumberField(FieldMeta.named("views"), false, null, null, false)), asRoot);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void inferredFieldsCopyCollectionFieldsUnderTheirAliases() {
        String query = "select p.id, p.title as headline, tags, p.id as post, count(*) as n, "
                + "cast(views as real) as v, views + 1 as other from posts p group by p.id";
        collections.answerViewQuery(query, List.of("id", "headline", "tags", "post", "n", "v", "other"), List.of());

        ViewCollection view = (ViewCollection) service.create(CollectionDraft.view("summary", query)
                .field(new TextField(FieldMeta.named("ignored!@#$"), false, 0, 0, "", "", false)), asRoot);

        List<Field> f = view.fields();
        assertEquals(List.of("id", "headline", "tags", "post", "n", "v", "other"), f.stream().map(Field::name).toList());
        TextField id = assertInstanceOf(TextField.class, f.get(0));
        assertTrue(id.primaryKey());
        assertEquals("text3208210256", id.id());
        assertEquals("^[a-z0-9]+$", id.pattern());
        assertEquals(0, id.max());
        TextField headline = assertInstanceOf(TextField.class, f.get(1));
        assertEquals(20, headline.max(), "the source field's options are kept");
        assertTrue(headline.required());
        assertTrue(headline.id().startsWith("_clone_"));
        assertEquals(2, assertInstanceOf(SelectField.class, f.get(2)).maxSelect());
        assertEquals(posts.id(), assertInstanceOf(RelationField.class, f.get(3)).collectionId());
        assertTrue(assertInstanceOf(NumberField.class, f.get(4)).onlyInt());
        assertEquals(false, assertInstanceOf(NumberField.class, f.get(5)).onlyInt());
        assertEquals("json", f.get(6).type());
    }

    @Test
    void invalidQueriesAreViewQueryErrors() {
        ValidationFailed unknown = assertThrows(ValidationFailed.class, () -> service.create(CollectionDraft.view("v",
                "invalid"), asRoot));
        FieldError error = (FieldError) unknown.errors().get("viewQuery");
        assertEquals("validation_invalid_view_query", error.code());
        assertTrue(error.message().startsWith("Invalid query - "), error.message());

        collections.answerViewQuery("select title from posts", List.of("title"), List.of());
        ValidationFailed noId = assertThrows(ValidationFailed.class, () -> service.create(CollectionDraft.view("v",
                "select title from posts"), asRoot));
        assertTrue(((FieldError) noId.errors().get("viewQuery")).message().contains("missing required id column"));

        collections.answerViewQuery("select * from posts", List.of("id", "title"), List.of());
        ValidationFailed star = assertThrows(ValidationFailed.class, () -> service.create(CollectionDraft.view("v",
                "select * from posts"), asRoot));
        assertEquals("validation_invalid_view_query", ((FieldError) star.errors().get("viewQuery")).code());

        ValidationFailed blank = assertThrows(ValidationFailed.class, () -> service.create(CollectionDraft.changes().name("v")
                .type(CollectionType.VIEW), asRoot));
        assertEquals("validation_required", ((FieldError) blank.errors().get("viewQuery")).code());
    }

    @Test
    void viewsRejectIndexesAndWriteRules() {
        collections.answerViewQuery("select id from posts", List.of("id"), List.of());
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.create(CollectionDraft.view("v",
                "select id from posts").createRule("").index("create index x on v (id)"), asRoot));
        assertEquals("validation_indexes_not_supported", ((FieldError) e.errors().get("indexes")).code());
        assertEquals("validation_nil_invalid", ((FieldError) e.errors().get("createRule")).code());
    }

    @Test
    void updatingTheQueryReinfersFieldsAndKeepsIdsOfUnchangedOnes() {
        collections.answerViewQuery("select id, title from posts", List.of("id", "title"), List.of());
        collections.answerViewQuery("select id, title, views from posts", List.of("id", "title", "views"), List.of());
        ViewCollection first = (ViewCollection) service.create(CollectionDraft.view("v",
                "select id, title from posts"), asRoot);

        ViewCollection second = (ViewCollection) service.update("v", CollectionDraft.changes()
                .viewQuery("select id, title, views from posts").fields(List.of()), asRoot);

        assertEquals(List.of("id", "title", "views"), second.fields().stream().map(Field::name).toList());
        assertEquals(first.fields().get(1).id(), second.fields().get(1).id());
        assertNotEquals(second.fields().get(1).id(), second.fields().get(2).id());

        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> service.update("v", CollectionDraft.changes().viewQuery("invalid"), asRoot));
        assertEquals("validation_invalid_view_query", ((FieldError) e.errors().get("viewQuery")).code());
    }

    @Test
    void dryRunAnswersFieldsAndSampleRecords() {
        collections.answerViewQuery("select 1 as id", List.of("id"), List.of(map("id", "1")));

        ManageCollections.ViewPreview preview = service.dryRunView("select 1 as id  ", asRoot);

        assertEquals(List.of("id"), preview.fields().stream().map(Field::name).toList());
        assertEquals("1", preview.sample().get(0).values().get("id"));
    }

    @Test
    void dryRunChecksAccessLengthAndSampleIds() {
        assertThrows(Unauthorized.class, () -> service.dryRunView("select 1 as id", RequestInfo.guest()));

        ValidationFailed tooLong = assertThrows(ValidationFailed.class,
                () -> service.dryRunView("a".repeat(5001), asRoot));
        assertEquals("validation_length_too_long", ((FieldError) tooLong.errors().get("query")).code());

        collections.answerViewQuery("(select 1 as id union select '' as id)", List.of("id"),
                List.of(map("id", "1"), map("id", "")));
        BadRequest missing = assertThrows(BadRequest.class,
                () -> service.dryRunView("(select 1 as id union select '' as id)", asRoot));
        assertTrue(missing.getMessage().contains("Raw error:"), missing.getMessage());

        collections.answerViewQuery("(select 1 as id union all select 1 as id)", List.of("id"),
                List.of(map("id", "1"), map("id", "1")));
        BadRequest duplicated = assertThrows(BadRequest.class,
                () -> service.dryRunView("(select 1 as id union all select 1 as id)", asRoot));
        assertTrue(duplicated.getMessage().contains("duplicated"), duplicated.getMessage());

        BadRequest write = assertThrows(BadRequest.class, () -> service.dryRunView("CREATE TABLE t1(x INT)", asRoot));
        assertTrue(write.getMessage().contains("Raw error:"), write.getMessage());

        BadRequest twoStatements = assertThrows(BadRequest.class,
                () -> service.dryRunView("select 1 as id; delete from posts", asRoot));
        assertTrue(twoStatements.getMessage().contains("multiple statements"), twoStatements.getMessage());
    }
}
