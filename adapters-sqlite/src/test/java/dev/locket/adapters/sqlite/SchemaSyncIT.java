package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.record.Record;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaSyncIT {
    private static final String TITLE_ID = "text724990059";

    @TempDir
    Path tmp;
    Path dir;
    SqliteAdapter adapter;
    CollectionStore collections;
    RecordStore records;

    @BeforeEach
    void open() {
        dir = TestDirs.copyFixture(tmp.resolve("pb_data"));
        adapter = SqliteAdapter.open(dir, TestDirs.CLOCK);
        collections = adapter.collectionStore();
        records = adapter.recordStore();
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    private static SelectField tags(int maxSelect) {
        return new SelectField(TestDirs.meta("select1", "tags"), false, List.of("a", "b", "c"), maxSelect);
    }

    private BaseCollection posts() {
        return TestDirs.base("pbc_1125843985", "posts", TestDirs.withTimestamps(
                TestDirs.text(TITLE_ID, "title"),
                new NumberField(TestDirs.meta("number1", "views"), false, null, null, false),
                new BoolField(TestDirs.meta("bool1", "draft"), false),
                tags(1),
                new JsonField(TestDirs.meta("json1", "data"), false, 0)),
                List.of("CREATE UNIQUE INDEX `idx_posts_title` ON `whatever` (`title`)"));
    }

    private Record post(Collection c, String id, String title, String tag) {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("id", id);
        v.put("title", title);
        v.put("views", 3.0);
        v.put("draft", true);
        v.put("tags", tag);
        v.put("data", new RawJson("{\"k\": [1, 2]}"));
        v.put("created", "2026-01-02 03:04:05.678Z");
        v.put("updated", "2026-01-02 03:04:05.678Z");
        return new Record(c, v);
    }

    private static List<Field> replace(List<Field> fields, String id, Field with) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            if (!f.id().equals(id)) {
                out.add(f);
            } else if (with != null) {
                out.add(with);
            }
        }
        return out;
    }

    private static BaseCollection withFields(BaseCollection c, List<Field> fields) {
        return new BaseCollection(c.id(), c.name(), c.system(), fields, c.rules(), c.indexes(), c.created(), c.updated());
    }

    @Test
    void createdCollectionStoresRecordsAndEnforcesItsIndexes() throws Exception {
        BaseCollection posts = posts();
        collections.create(posts);
        assertEquals("posts", collections.find("pbc_1125843985").orElseThrow().name());
        records.insert(posts, post(posts, "aaaaaaaaaaaaaaa", "hello", "b"));
        Record r = records.find(posts, "aaaaaaaaaaaaaaa").orElseThrow();
        assertEquals(3.0, r.get("views"));
        assertEquals(Boolean.TRUE, r.get("draft"));
        assertEquals("b", r.get("tags"));
        assertEquals(new RawJson("{\"k\": [1, 2]}"), r.get("data"));
        assertThrows(ValidationFailed.class, () -> records.insert(posts, post(posts, "bbbbbbbbbbbbbbb", "hello", "")));

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"))) {
            String ddl = scalar(c, "SELECT sql FROM sqlite_master WHERE name = 'posts'");
            assertTrue(ddl.contains("`id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL"), ddl);
            assertTrue(ddl.contains("`views` NUMERIC DEFAULT 0 NOT NULL"), ddl);
            assertTrue(ddl.contains("`draft` BOOLEAN DEFAULT FALSE NOT NULL"), ddl);
            assertTrue(ddl.contains("`data` JSON DEFAULT NULL"), ddl);
            // The index is created on the collection's table whatever table the statement named.
            assertEquals("posts", scalar(c, "SELECT tbl_name FROM sqlite_master WHERE name = 'idx_posts_title'"));
            assertEquals("posts", scalar(c, "SELECT name FROM _collections WHERE id = 'pbc_1125843985'"));
        }
    }

    @Test
    void renamesAddsAndDropsColumnsKeepingData() {
        BaseCollection posts = posts();
        collections.create(posts);
        records.insert(posts, post(posts, "aaaaaaaaaaaaaaa", "hello", "b"));

        List<Field> fields = replace(posts.fields(), TITLE_ID, TestDirs.text(TITLE_ID, "headline"));
        fields = replace(fields, "bool1", null);
        fields = new ArrayList<>(fields);
        fields.add(TestDirs.text("text2", "summary"));
        BaseCollection renamed = new BaseCollection(posts.id(), "articles", false, fields, CollectionRules.locked(),
                List.of("CREATE UNIQUE INDEX `idx_posts_title` ON `posts` (`headline`)"), posts.created(), posts.updated());
        collections.update(posts, renamed);

        assertTrue(collections.find("posts").isEmpty());
        Collection articles = collections.find("articles").orElseThrow();
        Record r = records.find(articles, "aaaaaaaaaaaaaaa").orElseThrow();
        assertEquals("hello", r.get("headline"));
        assertEquals("", r.get("summary"));
        assertEquals(3.0, r.get("views"));
        assertFalse(r.values().containsKey("draft"));
        // The unique index follows the renamed column.
        assertThrows(ValidationFailed.class,
                () -> records.insert(articles, new Record(articles, Map.of("id", "ccccccccccccccc", "headline", "hello"))));
    }

    @Test
    void swapsColumnNamesByFieldId() {
        BaseCollection c = TestDirs.base("pbc_1", "swap", TestDirs.withTimestamps(
                TestDirs.text("t1", "a"), TestDirs.text("t2", "b")), List.of());
        collections.create(c);
        records.insert(c, new Record(c, Map.of("id", "aaaaaaaaaaaaaaa", "a", "first", "b", "second")));
        BaseCollection swapped = withFields(c, TestDirs.withTimestamps(TestDirs.text("t1", "b"), TestDirs.text("t2", "a")));
        collections.update(c, swapped);
        Record r = records.find(swapped, "aaaaaaaaaaaaaaa").orElseThrow();
        assertEquals("first", r.get("b"));
        assertEquals("second", r.get("a"));
    }

    @Test
    void convertsSingleToMultipleAndBack() {
        BaseCollection posts = posts();
        collections.create(posts);
        records.insert(posts, post(posts, "aaaaaaaaaaaaaaa", "one", "b"));
        records.insert(posts, post(posts, "bbbbbbbbbbbbbbb", "two", ""));

        BaseCollection multi = withFields(posts, replace(posts.fields(), "select1", tags(3)));
        collections.update(posts, multi);
        assertEquals(List.of("b"), records.find(multi, "aaaaaaaaaaaaaaa").orElseThrow().get("tags"));
        assertEquals(List.of(), records.find(multi, "bbbbbbbbbbbbbbb").orElseThrow().get("tags"));
        // Other data untouched.
        assertEquals("one", records.find(multi, "aaaaaaaaaaaaaaa").orElseThrow().get("title"));

        records.update(multi, records.find(multi, "aaaaaaaaaaaaaaa").orElseThrow().with("tags", List.of("a", "c")));
        BaseCollection single = withFields(multi, replace(multi.fields(), "select1", tags(1)));
        collections.update(multi, single);
        assertEquals("c", records.find(single, "aaaaaaaaaaaaaaa").orElseThrow().get("tags"), "keeps the last item");
        assertEquals("", records.find(single, "bbbbbbbbbbbbbbb").orElseThrow().get("tags"));
    }

    @Test
    void viewCollectionsAreViewsWithTextIds() {
        ViewCollection v = new ViewCollection("pbc_9", "counts", false,
                List.of(new TextField(TestDirs.meta("text3208210256", "id"), false, 0, 0, "", "", true),
                        new NumberField(TestDirs.meta("number9", "total"), false, null, null, true)),
                CollectionRules.locked(), List.of(), "", "",
                "SELECT (ROW_NUMBER() OVER()) as id, count(*) as total FROM demo1;");
        collections.create(v);
        List<Record> rows = records.list(v, new dev.locket.application.port.out.RecordQuery(null, null, List.of(), 1, 10,
                false, dev.locket.domain.rule.RequestInfo.guest())).items();
        assertEquals(1, rows.size());
        assertEquals("1", rows.get(0).get("id"));
        assertEquals(3.0, rows.get(0).get("total"));
        collections.delete(v);
        assertTrue(collections.find("counts").isEmpty());
    }

    @Test
    void deleteDropsTheTableAndRollbackKeepsTheSnapshot() throws Exception {
        BaseCollection posts = posts();
        assertThrows(IllegalStateException.class, () -> adapter.transactions().inTransaction(() -> {
            collections.create(posts);
            assertTrue(collections.find("posts").isPresent(), "visible inside its transaction");
            throw new IllegalStateException("boom");
        }));
        assertTrue(collections.find("posts").isEmpty());

        collections.create(posts);
        collections.delete(posts);
        assertTrue(collections.find("posts").isEmpty());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"))) {
            assertEquals(null, scalar(c, "SELECT name FROM sqlite_master WHERE name = 'posts'"));
            assertEquals(null, scalar(c, "SELECT id FROM _collections WHERE name = 'posts'"));
        }
        // Reopened, the store agrees with the file.
        adapter.close();
        adapter = SqliteAdapter.open(dir, TestDirs.CLOCK);
        assertTrue(adapter.collectionStore().find("posts").isEmpty());
        assertEquals(16, adapter.collectionStore().all().size());
    }

    @Test
    void ruleOnlyChangesAreStoredAndSurviveReopening() throws Exception {
        BaseCollection posts = posts();
        collections.create(posts);
        records.insert(posts, post(posts, "aaaaaaaaaaaaaaa", "hello", "b"));
        BaseCollection open = new BaseCollection(posts.id(), posts.name(), false, posts.fields(),
                new CollectionRules(dev.locket.domain.filter.AccessRule.PUBLIC, dev.locket.domain.filter.AccessRule.of("draft = false"),
                        dev.locket.domain.filter.AccessRule.LOCKED, dev.locket.domain.filter.AccessRule.LOCKED,
                        dev.locket.domain.filter.AccessRule.LOCKED),
                posts.indexes(), posts.created(), "2026-02-02 00:00:00.000Z");
        collections.update(posts, open);
        adapter.close();
        adapter = SqliteAdapter.open(dir, TestDirs.CLOCK);
        Collection reloaded = adapter.collectionStore().find("posts").orElseThrow();
        assertEquals("", reloaded.rules().list().raw());
        assertEquals("draft = false", reloaded.rules().view().raw());
        assertEquals("2026-02-02 00:00:00.000Z", reloaded.updated());
        assertEquals("hello", adapter.recordStore().find(reloaded, "aaaaaaaaaaaaaaa").orElseThrow().get("title"));
        assertThrows(ValidationFailed.class, () -> adapter.recordStore().insert(reloaded,
                post(reloaded, "bbbbbbbbbbbbbbb", "hello", "")));
    }

    private static String scalar(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
