package dev.locket.domain.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrozenMapTest {
    @Test
    void aCopyKeepsTheOrderAndLaterChangesToTheSourceDoNotReachIt() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("b", 1);
        source.put("a", null);
        Map<String, Object> frozen = FrozenMap.copyOf(source);
        source.put("c", 3);
        assertEquals(List.of("b", "a"), new ArrayList<>(frozen.keySet()));
        assertTrue(frozen.containsKey("a"));
        assertEquals(1, frozen.get("b"));
        assertEquals(new LinkedHashMap<>(Map.of("b", 1)), FrozenMap.copyOf(Map.of("b", 1)));
    }

    @Test
    void nothingChangesItThroughAnyOfItsViews() {
        Map<String, Object> frozen = FrozenMap.copyOf(Map.of("a", 1));
        assertThrows(UnsupportedOperationException.class, () -> frozen.put("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> frozen.remove("a"));
        assertThrows(UnsupportedOperationException.class, frozen::clear);
        assertThrows(UnsupportedOperationException.class, () -> frozen.entrySet().iterator().next().setValue(3));
        assertThrows(UnsupportedOperationException.class, () -> frozen.keySet().remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> frozen.values().clear());
        assertEquals(Map.of("a", 1), frozen);
    }

    @Test
    void aFrozenMapIsKeptAsItIsAndABuilderHandsItsMapOverOnce() {
        FrozenMap.Builder<String, Object> builder = FrozenMap.builder();
        Map<String, Object> built = builder.put("id", "x").putIfAbsent("id", "y").build();
        assertEquals(Map.of("id", "x"), built);
        assertSame(built, FrozenMap.copyOf(built));
        assertThrows(IllegalStateException.class, () -> builder.put("late", 1));
        assertNotSame(built, FrozenMap.copyOf(new LinkedHashMap<>(built)));
    }

    @Test
    void aRecordRewrappedWithANewExpandSharesItsValues() {
        Record record = new Record(new BaseCollection("c1", "posts", false, List.of(), CollectionRules.locked(),
                List.of(), "", ""), Map.of("id", "r1"));
        Record expanded = record.withExpand(Map.of("author", record));
        assertSame(record.values(), expanded.values());
        assertThrows(UnsupportedOperationException.class, () -> expanded.values().put("id", "r2"));
    }
}
