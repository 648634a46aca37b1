package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.types.GeoPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnsTest {
    private final Columns columns = new Columns(new JsonText());

    @Test
    void columnDefinitionsMatchPocketBase() {
        assertEquals(Columns.PRIMARY_KEY, Columns.definition(TestDirs.idField()));
        assertEquals("TEXT DEFAULT '' NOT NULL", Columns.definition(TestDirs.text("t", "title")));
        assertEquals("NUMERIC DEFAULT 0 NOT NULL",
                Columns.definition(new NumberField(TestDirs.meta("n", "n"), false, null, null, false)));
        assertEquals("BOOLEAN DEFAULT FALSE NOT NULL", Columns.definition(new BoolField(TestDirs.meta("b", "b"), false)));
        assertEquals("TEXT DEFAULT '' NOT NULL", Columns.definition(relation(1)));
        assertEquals("JSON DEFAULT '[]' NOT NULL", Columns.definition(relation(2)));
        assertEquals("JSON DEFAULT NULL", Columns.definition(new JsonField(TestDirs.meta("j", "j"), false, 0)));
        assertEquals("JSON DEFAULT '{\"lon\":0,\"lat\":0}' NOT NULL",
                Columns.definition(new GeoPointField(TestDirs.meta("g", "g"), false)));
    }

    @Test
    void storedListsAreByteForByteWhatTheJsonLibraryWrote() {
        // the column switch moved into the domain (ColumnValues): rows written before must still compare equal
        List<String> tricky = List.of("quote\" back\\slash", "tab\t nl\n cr\r", "ctl\u0001\u001f", "</script>&",
                "é ü 漢字 😀", "line\u2028sep", "", "100%_x");
        assertEquals(new JsonText().write(tricky), columns.toSql(relation(9), tricky));
        assertEquals("{\"lon\":1.5,\"lat\":-2}",
                columns.toSql(new GeoPointField(TestDirs.meta("g", "g"), false), new GeoPoint(1.5, -2)));
    }

    @Test
    void writesCanonicalValuesAsPocketBaseStoresThem() {
        assertEquals("[\"a\",\"b\"]", columns.toSql(relation(5), List.of("a", "b")));
        assertEquals("[]", columns.toSql(relation(5), null));
        assertEquals("x", columns.toSql(relation(1), "x"));
        assertEquals(1, columns.toSql(new BoolField(TestDirs.meta("b", "b"), false), true));
        assertEquals(2.5, columns.toSql(new NumberField(TestDirs.meta("n", "n"), false, null, null, false), 2.5));
        assertEquals("{\"lon\":12,\"lat\":41.9}",
                columns.toSql(new GeoPointField(TestDirs.meta("g", "g"), false), new GeoPoint(12, 41.9)));
        assertEquals("[1, 2]", columns.toSql(new JsonField(TestDirs.meta("j", "j"), false, 0), new RawJson("[1, 2]")));
        assertEquals(null, columns.toSql(new JsonField(TestDirs.meta("j", "j"), false, 0), null));
        assertEquals("[]", columns.toSql(new FileField(TestDirs.meta("f", "f"), false, 3, 0, null, null, false),
                List.of()));
    }

    @Test
    void uniqueViolationNamesTheColumns() {
        BaseCollection c = TestDirs.base("pbc_1", "posts",
                TestDirs.withTimestamps(TestDirs.text("t1", "title"), TestDirs.text("t2", "slug")),
                List.of("CREATE UNIQUE INDEX `idx_slug` ON `posts` (`slug`) WHERE slug != ''"));
        ValidationFailed multi = SqliteRecordStore.notUnique(c,
                "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed: posts.title, posts.slug)",
                "Failed to create record.");
        FieldError notUnique = FieldError.of("validation_not_unique", "Value must be unique.");
        assertEquals(Map.of("title", notUnique, "slug", notUnique), multi.errors());
        ValidationFailed partial = SqliteRecordStore.notUnique(c,
                "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed: index 'idx_slug')",
                "Failed to create record.");
        assertEquals(Map.of("slug", notUnique), partial.errors());
    }

    private static RelationField relation(int maxSelect) {
        return new RelationField(TestDirs.meta("r", "r"), false, "pbc_1", false, 0, maxSelect);
    }
}
