package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.record.Record;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** View query probing and index creation against the fixture data directory. */
class ViewsAndIndexesIT {
    @TempDir
    Path tmp;
    SqliteAdapter adapter;
    CollectionStore collections;

    @BeforeEach
    void open() {
        adapter = SqliteAdapter.open(TestDirs.copyFixture(tmp.resolve("pb_data")), TestDirs.CLOCK);
        collections = adapter.collectionStore();
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @Test
    void viewColumnsAreTheQueryResultNamesInOrder() {
        assertEquals(List.of("id", "headline", "n"),
                collections.viewColumns("select id, text as headline, 1 as n from demo1;"));
        assertEquals(List.of("id"), collections.viewColumns("(select 1 as id union select '' as id)"));
    }

    @Test
    void queriesThatCannotBackAViewFailWithSqlitesMessage() {
        BadRequest unknown = assertThrows(BadRequest.class, () -> collections.viewColumns("select nope from demo1"));
        assertEquals("no such column: nope", unknown.getMessage());
        assertThrows(BadRequest.class, () -> collections.viewColumns("CREATE TABLE t1(x INT)"));
        assertThrows(BadRequest.class, () -> collections.viewColumns("invalid"));
        assertThrows(BadRequest.class, () -> collections.viewColumns("delete from demo1"));
        assertTrue(collections.find("demo1").isPresent(), "nothing was written");
    }

    @Test
    void sampleRowsAreReadWithTheGivenFields() {
        ViewCollection demo1 = (ViewCollection) collections.find("view1").orElseThrow();
        List<Field> fields = demo1.fields().stream()
                .filter(f -> List.of("id", "select_many", "number").contains(f.name())).toList();
        ViewCollection probe = new ViewCollection("", "", false, fields, CollectionRules.locked(), List.of(), "", "",
                "select id, select_many, number from demo1 order by id");

        List<Record> sample = collections.viewSample(probe, 2);

        assertEquals(2, sample.size());
        assertInstanceOf(SelectField.class, fields.get(1));
        assertInstanceOf(List.class, sample.get(0).values().get("select_many"));
        assertInstanceOf(NumberField.class, fields.get(2));
        assertInstanceOf(Double.class, sample.get(0).values().get("number"));
    }

    @Test
    void anIndexSqliteRejectsIsAnIndexesValidationErrorAndNothingIsCreated() {
        BaseCollection c = TestDirs.base("pbc_1", "posts", List.of(TestDirs.idField(), TestDirs.text("text1", "title")),
                List.of("create index idx_ok on posts (title)", "create index idx_bad on posts (missing)"));

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> adapter.transactions().inTransaction(() -> {
            collections.create(c);
            return null;
        }));

        ErrorGroup indexes = (ErrorGroup) e.errors().get("indexes");
        FieldError bad = (FieldError) indexes.children().get("1");
        assertEquals("validation_invalid_index_expression", bad.code());
        assertEquals("idx_bad", bad.params().get("indexName"));
        assertEquals("Failed to create index idx_bad - no such column: missing.", bad.message());
        assertEquals(List.of("1"), List.copyOf(indexes.children().keySet()));
        assertTrue(collections.find("posts").isEmpty(), "the transaction rolled back");
    }
}
