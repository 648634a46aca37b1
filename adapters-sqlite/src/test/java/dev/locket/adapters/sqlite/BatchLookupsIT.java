package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch lookups expand relies on: back-relations of many records and rule checks of many ids. */
class BatchLookupsIT {
    /** More than one IN-list chunk. */
    private static final int OWNERS = 1200;

    @TempDir
    Path tmp;
    SqliteAdapter adapter;
    RecordStore store;
    BaseCollection owners;
    BaseCollection pets;

    @BeforeEach
    void open() {
        adapter = SqliteAdapter.open(TestDirs.copyFixture(tmp.resolve("pb_data")), TestDirs.CLOCK);
        store = adapter.recordStore();
        owners = TestDirs.base("pbc_owners00001", "owners", TestDirs.withTimestamps(
                TestDirs.text("text1", "name"),
                new TextField(new FieldMeta("text2", "secret", false, true, false, ""), false, 0, 0, "", "", false)),
                List.of());
        pets = TestDirs.base("pbc_pets0000001", "pets", TestDirs.withTimestamps(
                TestDirs.text("text1", "name"),
                new RelationField(TestDirs.meta("relation1", "owner"), false, owners.id(), false, 0, 1),
                new RelationField(TestDirs.meta("relation2", "friends"), false, owners.id(), false, 0, 9)),
                List.of());
        adapter.collectionStore().create(owners);
        adapter.collectionStore().create(pets);
        for (int i = 0; i < OWNERS; i++) {
            store.insert(owners, new Record(owners, Map.of("id", id("owner", i), "name", "owner " + i,
                    "secret", i % 2 == 0 ? "even" : "odd")));
        }
        for (int i = 0; i < OWNERS; i++) {
            // pet i belongs to owner i and is friends with owners i+1 and i+2 (wrapping)
            store.insert(pets, new Record(pets, Map.of("id", id("pet", i), "name", "pet " + i,
                    "owner", id("owner", i),
                    "friends", List.of(id("owner", (i + 1) % OWNERS), id("owner", (i + 2) % OWNERS)))));
        }
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @Test
    void findReferencingAnyAnswersEveryIdAcrossChunksOnce() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
            all.add(id("owner", i));
        }
        List<Record> owned = store.findReferencingAny(pets, "owner", all);
        assertEquals(OWNERS, owned.size());
        assertEquals(OWNERS, new HashSet<>(owned.stream().map(Record::id).toList()).size());

        // pet 3 names owners 4 and 5 as friends: asking for both returns it once
        List<Record> friends = store.findReferencingAny(pets, "friends", List.of(id("owner", 4), id("owner", 5)));
        assertEquals(Set.of(id("pet", 2), id("pet", 3), id("pet", 4)), ids(friends));
        assertEquals(3, friends.size());
        assertEquals(List.of(id("owner", 4), id("owner", 5)), friends.stream()
                .filter(r -> r.id().equals(id("pet", 3))).findFirst().orElseThrow().get("friends"));

        List<Record> everyFriend = store.findReferencingAny(pets, "friends", all);
        assertEquals(OWNERS, everyFriend.size());

        assertTrue(store.findReferencingAny(pets, "owner", List.of("nosuchownerxxxx")).isEmpty());
        assertTrue(store.findReferencingAny(pets, "owner", List.of()).isEmpty());
    }

    @Test
    void matchingIdsAppliesARuleThatSeesHiddenFieldsToManyIds() {
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
            asked.add(id("owner", i));
        }
        asked.add("nosuchownerxxxx");
        Set<String> even = store.matchingIds(owners, asked, BoundFilter.rule("secret = 'even' && name != 'owner 4'"),
                RequestInfo.guest());
        assertEquals(OWNERS / 2 - 1, even.size());
        assertTrue(even.contains(id("owner", 0)));
        assertTrue(!even.contains(id("owner", 4)) && !even.contains(id("owner", 1)));

        // a rule through a relation, as expand sends what RuleEvaluator cannot decide in memory
        Set<String> viaOwner = store.matchingIds(pets, List.of(id("pet", 1), id("pet", 2), id("pet", 3)),
                BoundFilter.rule("owner.secret = 'odd'"), RequestInfo.guest());
        assertEquals(Set.of(id("pet", 1), id("pet", 3)), viaOwner);

        assertEquals(Set.of(id("pet", 7)), store.matchingIds(pets, List.of(id("pet", 7)), BoundFilter.rule(""), RequestInfo.guest()));
        assertTrue(store.matchingIds(pets, List.of(), BoundFilter.rule("name != ''"), RequestInfo.guest()).isEmpty());
    }

    private static Set<String> ids(List<Record> records) {
        Set<String> out = new HashSet<>();
        records.forEach(r -> out.add(r.id()));
        return out;
    }

    private static String id(String prefix, int i) {
        return prefix + String.format("%0" + (15 - prefix.length()) + "d", i);
    }
}
