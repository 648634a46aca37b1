package dev.locket.domain.collection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionIndexesTest {

    @Test
    void recognisesSingleColumnUniqueIndexesWithCollationsAndFilters() {
        BaseCollection c = new BaseCollection("c", "profiles", false, List.of(SystemCollections.idField()),
                CollectionRules.locked(), List.of(
                        "CREATE UNIQUE INDEX `idx_user` ON `profiles` (`user`)",
                        "CREATE INDEX `idx_x` ON `profiles` (`x`)",
                        "CREATE UNIQUE INDEX idx_ab ON profiles (a, b)",
                        "CREATE UNIQUE INDEX `idx_username` ON `profiles` (username COLLATE NOCASE)",
                        "CREATE UNIQUE INDEX `idx_email` ON `profiles` (`email`) WHERE `email` != ''"),
                "", "");
        assertTrue(c.hasUniqueIndex("user"));
        assertTrue(c.hasUniqueIndex("USER"), "column names compare case-insensitively, like SQLite's");
        assertTrue(c.hasUniqueIndex("username"), "a collation does not make it another column");
        assertTrue(c.hasUniqueIndex("email"), "a partial index still guarantees uniqueness of set values");
        assertFalse(c.hasUniqueIndex("x"), "not unique");
        assertFalse(c.hasUniqueIndex("a"), "unique only together with b");
    }
}
