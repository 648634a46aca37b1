package dev.locket.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.CollectionRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordExpanderTest {

    @Test
    void normalisesExpandPathsAsUpstream() {
        assertEquals(List.of(List.of("author", "team"), List.of("tags")),
                RecordExpander.normalize(" author , author.team,.tags.,,tags"));
        assertEquals(6, RecordExpander.normalize("a.b.c.d.e.f.g.h").get(0).size(), "at most 6 levels");
    }

    @Test
    void recognisesSingleColumnUniqueIndexes() {
        BaseCollection c = new BaseCollection("c", "profiles", false, List.of(Fixtures.idField()),
                CollectionRules.locked(), List.of("CREATE UNIQUE INDEX `idx_user` ON `profiles` (`user`)",
                "CREATE INDEX `idx_x` ON `profiles` (`x`)", "CREATE UNIQUE INDEX idx_ab ON profiles (a, b)"), "", "");
        assertTrue(RecordExpander.hasUniqueIndex(c, "user"));
        assertFalse(RecordExpander.hasUniqueIndex(c, "x"));
        assertFalse(RecordExpander.hasUniqueIndex(c, "a"));
    }
}
