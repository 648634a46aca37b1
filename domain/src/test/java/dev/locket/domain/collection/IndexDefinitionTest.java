package dev.locket.domain.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IndexDefinitionTest {

    @Test
    void signaturesIgnoreNameQuotingCaseAndTable() {
        IndexDefinition a = IndexDefinition.parse("create index idx_1 on posts (title)").orElseThrow();
        IndexDefinition b = IndexDefinition.parse("CREATE INDEX `idx_2` ON `other` (`TITLE`)").orElseThrow();
        IndexDefinition unique = IndexDefinition.parse("CREATE UNIQUE INDEX idx_3 ON posts (title)").orElseThrow();
        IndexDefinition partial = IndexDefinition.parse("CREATE INDEX idx_4 ON posts (title) WHERE title != ''")
                .orElseThrow();

        assertEquals(a.signature(), b.signature());
        assertNotEquals(a.signature(), unique.signature());
        assertNotEquals(a.signature(), partial.signature());
    }

    @Test
    void whatIsNotACreateIndexDoesNotParse() {
        assertTrue(IndexDefinition.parse("create unique idx_test1 on demo1 (text)").isEmpty());
        assertTrue(IndexDefinition.parse(null).isEmpty());
        assertEquals("CREATE INDEX `idx` ON `posts` (a, b)",
                IndexDefinition.parse("create index idx on x (a, b)").orElseThrow().build("posts"));
    }

    @Test
    void theUniqueIndexOfOneColumnTellsItsCollation() {
        java.util.List<String> indexes = java.util.List.of(
                "CREATE INDEX `idx_a` ON `clients` (`username`)",
                "CREATE UNIQUE INDEX `idx_b` ON `clients` (`username`, `email`)",
                "CREATE UNIQUE INDEX `idx_c` ON `clients` (`username` COLLATE nocase)",
                "CREATE UNIQUE INDEX `idx_d` ON `clients` (email) WHERE email != ''");
        IndexDefinition username = IndexDefinition.uniqueOn(indexes, "username").orElseThrow();
        assertEquals("idx_c", username.name());
        assertTrue(username.caseInsensitive());
        assertFalse(IndexDefinition.uniqueOn(indexes, "email").orElseThrow().caseInsensitive());
        assertTrue(IndexDefinition.uniqueOn(indexes, "name").isEmpty());
    }
}
