package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.record.GeoPoint;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureDataDirIT {
    @TempDir
    Path tmp;
    Path dir;
    SqliteAdapter adapter;

    @BeforeEach
    void open() {
        dir = TestDirs.copyFixture(tmp.resolve("pb_data"));
        adapter = SqliteAdapter.open(dir, TestDirs.CLOCK);
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    private Collection collection(String name) {
        return adapter.collectionStore().find(name).orElseThrow();
    }

    private static RecordQuery all() {
        return new RecordQuery(null, null, List.of(), 1, 30, false, RequestInfo.guest());
    }

    @Test
    void loadsEveryFixtureCollectionInStorageOrder() {
        List<String> names = adapter.collectionStore().all().stream().map(Collection::name).toList();
        assertEquals(16, names.size());
        assertTrue(names.containsAll(List.of("users", "demo1", "view1", "_superusers", "_authOrigins")));
        assertTrue(adapter.collectionStore().find("_pb_users_auth_").orElseThrow() instanceof AuthCollection);
        assertEquals("demo1", adapter.collectionStore().find("DEMO1").orElseThrow().name());
    }

    @Test
    void readsDemo1ValuesAsCanonicalTypes() {
        Record r = adapter.recordStore().find(collection("demo1"), "84nmscqy84lsi1t").orElseThrow();
        assertEquals("test", r.get("text"));
        assertEquals(Boolean.TRUE, r.get("bool"));
        assertEquals(123456.0, r.get("number"));
        assertEquals(new RawJson("[\r\n  1,\r\n  2,\r\n  3\r\n]"), r.get("json"));
        assertEquals(List.of("optionB", "optionC"), r.get("select_many"));
        assertEquals("optionB", r.get("select_one"));
        assertEquals(List.of("oap640cot4yru2s"), r.get("rel_many"));
        assertEquals("", r.get("rel_one"));
        assertEquals(5, ((List<?>) r.get("file_many")).size());
        assertEquals("2022-10-01 12:00:00.000Z", r.get("datetime"));
        assertEquals(GeoPoint.ZERO, r.get("point"));
        assertEquals("2022-10-14 10:13:12.397Z", r.get("created"));

        Record r2 = adapter.recordStore().find(collection("demo1"), "al1h9ijdeojtsjy").orElseThrow();
        assertEquals(new GeoPoint(23.333157, 42.654318), r2.get("point"));
        assertNull(r2.get("json"), "the stored text null is the JSON null");
        assertEquals(Boolean.FALSE, r2.get("bool"));
        assertEquals(List.of(), r2.get("file_many"));
    }

    @Test
    void listsPagesWithTotals() {
        Page<Record> page = adapter.recordStore().list(collection("demo1"), all());
        assertEquals(3, page.totalItems());
        assertEquals(1, page.totalPages());
        assertEquals(3, page.items().size());

        Page<Record> second = adapter.recordStore().list(collection("demo1"),
                new RecordQuery(null, null, List.of(), 2, 2, false, RequestInfo.guest()));
        assertEquals(1, second.items().size());
        assertEquals(2, second.totalPages());

        Page<Record> skipped = adapter.recordStore().list(collection("demo1"),
                new RecordQuery(null, null, List.of(), 1, 30, true, RequestInfo.guest()));
        assertEquals(-1, skipped.totalItems());
        assertEquals(3, skipped.items().size());
    }

    @Test
    void readsUsersWithSingleAndMultipleValues() {
        Record u = adapter.recordStore().find(collection("users"), "4q1xlclmfloku33").orElseThrow();
        assertEquals("test@example.com", u.get("email"));
        assertEquals("llvuca81nly1qls", u.get("rel"));
        assertEquals("300_1SEi6Q6U72.png", u.get("avatar"));
        assertEquals(List.of(), u.get("file"));
        assertEquals(Boolean.FALSE, u.get("verified"));
        assertTrue(((String) u.get("password")).startsWith("$2a$13$"));
        assertEquals(3, adapter.recordStore().list(collection("users"), all()).totalItems());
    }

    @Test
    void readsViewCollectionsThroughTheirViews() {
        Page<Record> view1 = adapter.recordStore().list(collection("view1"), all());
        assertEquals(3, view1.totalItems());
        Record v = adapter.recordStore().find(collection("view1"), "84nmscqy84lsi1t").orElseThrow();
        assertEquals(123456.0, v.get("number"));
        assertEquals(List.of("optionB", "optionC"), v.get("select_many"));

        Set<Object> ids = adapter.recordStore().list(collection("numeric_id_view"), all()).items().stream()
                .map(r -> r.get("id")).collect(Collectors.toSet());
        assertEquals(Set.of("1", "2"), ids);
    }

    @Test
    void findsByIdsAndReferences() {
        Collection demo1 = collection("demo1");
        assertEquals(2, adapter.recordStore().findByIds(demo1, List.of("84nmscqy84lsi1t", "al1h9ijdeojtsjy", "nope"))
                .size());
        // rel_many is multiple: matched inside the JSON array.
        assertEquals(Set.of("84nmscqy84lsi1t", "al1h9ijdeojtsjy"),
                adapter.recordStore().findReferencing(demo1, "rel_many", "oap640cot4yru2s").stream()
                        .map(Record::id).collect(Collectors.toSet()));
        // rel_one is single.
        assertEquals(List.of("al1h9ijdeojtsjy"),
                adapter.recordStore().findReferencing(demo1, "rel_one", "84nmscqy84lsi1t").stream()
                        .map(Record::id).toList());
    }

    @Test
    void loadsStoredSettings() {
        // PocketBase's settings JSON (stored as a BLOB) comes back as the text it wrote
        String settings = adapter.settingsStore().load().orElseThrow();
        assertTrue(settings.startsWith("{\"superuserIPs\":[],\"smtp\":{"), settings);
        assertTrue(settings.contains("\"appName\":\"acme_test\""), settings);
        assertTrue(settings.contains("\"batch\":{\"enabled\":true,"), settings);
    }

    @Test
    void opensAnExistingDirectoryWithoutRewritingIt() throws Exception {
        adapter.close();
        adapter = SqliteAdapter.open(dir, TestDirs.CLOCK);
        adapter.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"))) {
            assertEquals(77, count(c, "SELECT COUNT(*) FROM _migrations"));
            assertEquals(16, count(c, "SELECT COUNT(*) FROM _collections"));
            assertEquals(1, count(c, "SELECT COUNT(*) FROM _params"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("auxiliary.db"))) {
            assertEquals(1, count(c, "SELECT COUNT(*) FROM _logs"));
        }
        adapter = SqliteAdapter.open(dir, TestDirs.CLOCK);
        assertFalse(adapter.collectionStore().all().isEmpty());
    }

    static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aListTheDatabaseRefusesIsABadRequestNotAServerError() {
        // SQL views have no rowid, so SQLite refuses the query; upstream answers its generic 400.
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.locket.domain.error.BadRequest.class,
                () -> adapter.recordStore().list(collection("view2"),
                        new RecordQuery(null, null, List.of("@rowid"), 1, 30, false, RequestInfo.guest())));
        assertEquals(dev.locket.domain.error.BadRequest.GENERIC, e.getMessage());
        assertEquals(3, adapter.recordStore().list(collection("view2"),
                new RecordQuery(null, null, List.of("-id"), 1, 30, false, RequestInfo.guest())).items().size());
    }
}
