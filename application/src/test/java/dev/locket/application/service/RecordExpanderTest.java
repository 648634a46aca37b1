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
}
