package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.filter.Lookup.Condition;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The record store port's contract for typed lookups and bound filters, run alike against the
 * application tests' in-memory fake and the SQLite store: what one finds, the other must find.
 */
class RecordLookupContractIT {

    static final BaseCollection PEOPLE = TestDirs.base("pbc_people00001", "people", TestDirs.withTimestamps(
            TestDirs.text("text1", "name"),
            new TextField(new FieldMeta("text2", "secret", false, true, false, ""), false, 0, 0, "", "", false),
            TestDirs.text("text3", "team"),
            new RelationField(TestDirs.meta("relation1", "friends"), false, "pbc_people00001", false, 0, 9)),
            List.of());

    static final List<Map<String, Object>> ROWS = List.of(
            row("p00000000000001", "Alice", "s3cret", "red", "2024-01-01 10:00:00.000Z", List.of()),
            row("p00000000000002", "bob", "", "red", "2024-06-01 10:00:00.000Z", List.of("p00000000000001")),
            row("p00000000000003", "O'Hara 100%", "x\\", "blue", "2025-01-01 10:00:00.000Z",
                    List.of("p00000000000001", "p00000000000002")),
            row("p00000000000004", "carol_b", "", "", "2025-06-01 10:00:00.000Z", List.of()));

    @TempDir
    static Path tmp;
    private static SqliteAdapter adapter;

    private static Map<String, Object> row(String id, String name, String secret, String team, String created,
                                           List<String> friends) {
        return Map.of("id", id, "name", name, "secret", secret, "team", team, "created", created,
                "updated", created, "friends", friends);
    }

    static Stream<Arguments> stores() {
        InMemoryRecordStore memory = new InMemoryRecordStore(
                idOrName -> idOrName.equals(PEOPLE.id()) || idOrName.equals(PEOPLE.name())
                        ? Optional.of(PEOPLE) : Optional.empty());
        if (adapter == null) {
            adapter = SqliteAdapter.open(TestDirs.copyFixture(tmp.resolve("pb_data")), TestDirs.CLOCK);
            adapter.collectionStore().create(PEOPLE);
            for (Map<String, Object> values : ROWS) {
                adapter.recordStore().insert(PEOPLE, new Record(PEOPLE, values));
            }
        }
        for (Map<String, Object> values : ROWS) {
            memory.put(new Record(PEOPLE, values));
        }
        return Stream.of(Arguments.of("in-memory", memory), Arguments.of("sqlite", adapter.recordStore()));
    }

    /** One SQLite file serves every case (read-only after setup); closed before its directory goes. */
    @AfterAll
    static void closeAll() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private static List<String> ids(RecordStore store, Lookup lookup) {
        return store.list(PEOPLE, RecordQuery.lookup(lookup, List.of("name"), 100)).items().stream()
                .map(Record::id).sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void byIdAndByField(String name, RecordStore store) {
        assertEquals(List.of("p00000000000002"), ids(store, Lookup.byId("p00000000000002")));
        assertEquals(List.of(), ids(store, Lookup.byId("nope")));
        assertEquals(List.of("p00000000000001", "p00000000000002"), ids(store, Lookup.byField("team", "red")));
        // the filter language's NULL-equals-empty equality
        assertEquals(List.of("p00000000000004"), ids(store, Lookup.byField("team", "")));
        // hidden fields: lookups have a rule's reach
        assertEquals(List.of("p00000000000001"), ids(store, Lookup.byField("secret", "s3cret")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void valuesNeedNoQuoting(String name, RecordStore store) {
        assertEquals(List.of("p00000000000003"), ids(store, Lookup.byField("name", "O'Hara 100%")));
        // a trailing backslash could not be written as filter text; typed, it simply matches
        assertEquals(List.of("p00000000000003"), ids(store, Lookup.byField("secret", "x\\")));
        assertEquals(List.of("p00000000000003"), ids(store, Lookup.containing("name", "'Hara 1")));
        // without a % of its own the value is a substring, its _ a plain character
        assertEquals(List.of("p00000000000004"), ids(store, Lookup.containing("name", "_b")));
        assertEquals(List.of(), ids(store, Lookup.containing("name", "l_c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void conjunctionsCaseAndOrder(String name, RecordStore store) {
        assertEquals(List.of("p00000000000002"), ids(store, Lookup.byField("team", "red").and("name", "bob")));
        assertEquals(List.of(), ids(store, Lookup.byField("team", "red").and("name", "Bob")));
        assertEquals(List.of("p00000000000001"), ids(store, Lookup.byFieldLower("name", "alice")));
        assertEquals(List.of("p00000000000001", "p00000000000002"),
                ids(store, Lookup.byField("team", "red").and(Condition.less("created", "2025-01-01 00:00:00.000Z"))));
        assertEquals(List.of("p00000000000001", "p00000000000003", "p00000000000004"),
                ids(store, new Lookup(List.of(Condition.notEqual("name", "bob")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void either(String name, RecordStore store) {
        assertEquals(List.of("p00000000000002", "p00000000000004"),
                ids(store, Lookup.either(List.of(Condition.equal("name", "bob"), Condition.equal("name", "carol_b")))));
        assertEquals(List.of("p00000000000003"),
                ids(store, Lookup.either(List.of(Condition.equal("team", "blue"), Condition.equal("name", "nobody")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void hasFindsOneItemOfAMultiValue(String name, RecordStore store) {
        // the item lookup of upstream's FindRecordByViewFile (json_each), not a comparison of the whole JSON text
        assertEquals(List.of("p00000000000002", "p00000000000003"),
                ids(store, new Lookup(List.of(Condition.has("friends", "p00000000000001")))));
        assertEquals(List.of("p00000000000003"),
                ids(store, new Lookup(List.of(Condition.has("friends", "p00000000000002")))));
        assertEquals(List.of(), ids(store, new Lookup(List.of(Condition.has("friends", "p00000000000004")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void boundFiltersKeepTheirReach(String name, RecordStore store) {
        RequestInfo guest = RequestInfo.guest();
        BoundFilter rule = BoundFilter.rule("team = 'red'");
        assertEquals(Optional.of("p00000000000001"),
                store.findMatching(PEOPLE, "p00000000000001", rule, guest).map(Record::id));
        assertEquals(Optional.empty(), store.findMatching(PEOPLE, "p00000000000003", rule, guest).map(Record::id));
        // a guest's client filter may not read hidden fields; a rule may
        assertThrows(BadRequest.class, () -> store.list(PEOPLE, new RecordQuery(null,
                BoundFilter.client("secret != ''", false), List.of(), 1, 10, true, guest)));
        assertEquals(2, store.list(PEOPLE, new RecordQuery(BoundFilter.rule("secret != ''"), null, List.of(), 1, 10,
                false, guest)).totalItems());
        // a lookup and a client filter together, as realtime checks one stored row
        assertEquals(1, store.list(PEOPLE, new RecordQuery(BoundFilter.of(Lookup.byId("p00000000000002")),
                BoundFilter.client("name ~ 'bo'", false), List.of(), 1, 1, true, guest)).items().size());
        assertEquals(0, store.list(PEOPLE, new RecordQuery(BoundFilter.of(Lookup.byId("p00000000000001")),
                BoundFilter.client("name ~ 'bo'", false), List.of(), 1, 1, true, guest)).items().size());
    }
}
