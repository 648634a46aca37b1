package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.record.Record;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UniqueViolationIT {
    @TempDir
    Path tmp;
    SqliteAdapter adapter;

    @BeforeEach
    void open() {
        adapter = SqliteAdapter.open(TestDirs.copyFixture(tmp.resolve("pb_data")), TestDirs.CLOCK);
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @Test
    void duplicateUniqueColumnIsNotUnique() {
        Collection demo2 = adapter.collectionStore().find("demo2").orElseThrow();
        Record dup = new Record(demo2, Map.of("id", "zzzzzzzzzzzzzzz", "title", "test1", "active", false));
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> adapter.recordStore().insert(demo2, dup));
        assertEquals("Failed to create record.", e.getMessage());
        assertEquals(Map.of("title", FieldError.of("validation_not_unique", "Value must be unique.")), e.errors());
        // Nothing was written.
        assertEquals(3, adapter.recordStore().list(demo2,
                new dev.locket.application.port.out.RecordQuery(null, null, List.of(), 1, 10, false,
                        dev.locket.domain.rule.RequestInfo.guest())).totalItems());
    }

    @Test
    void duplicateIdIsNotUnique() {
        Collection demo2 = adapter.collectionStore().find("demo2").orElseThrow();
        Record dup = new Record(demo2, Map.of("id", "llvuca81nly1qls", "title", "fresh title"));
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> adapter.recordStore().insert(demo2, dup));
        assertEquals(List.of("id"), List.copyOf(e.errors().keySet()));
    }

    @Test
    void partialUniqueIndexNamesItsColumn() {
        Collection users = adapter.collectionStore().find("users").orElseThrow();
        Record u = adapter.recordStore().find(users, "oap640cot4yru2s").orElseThrow()
                .with("email", "test@example.com");
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> adapter.recordStore().update(users, u));
        assertEquals("Failed to update record.", e.getMessage());
        assertEquals(List.of("email"), List.copyOf(e.errors().keySet()));
    }
}
