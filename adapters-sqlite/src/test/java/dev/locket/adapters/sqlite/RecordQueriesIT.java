package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters, sorts and rule checks run through FilterSql against the fixture. */
class RecordQueriesIT {
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

    private Collection collection(String name) {
        return adapter.collectionStore().find(name).orElseThrow();
    }

    private RequestInfo as(String collection, String id) {
        Collection c = collection(collection);
        Record auth = adapter.recordStore().find(c, id).orElseThrow();
        return new RequestInfo(Optional.of(auth), "GET", Map.of(), Map.of(), Map.of(), "default");
    }

    @Test
    void listAppliesRuleAndClientFilterAndSort() {
        Page<Record> page = adapter.recordStore().list(collection("demo2"),
                new RecordQuery(null, BoundFilter.client("title ~ 'test'", false), List.of("-title"), 1, 2, false,
                        RequestInfo.guest()));
        assertEquals(3, page.totalItems());
        assertEquals(2, page.totalPages());
        assertEquals(List.of("test3", "test2"), page.items().stream().map(r -> r.get("title")).toList());

        // The list rule narrows what the client filter sees.
        Page<Record> ruled = adapter.recordStore().list(collection("demo2"),
                new RecordQuery(BoundFilter.rule("active = true"), BoundFilter.client("title ~ 'test'", false), List.of("title"), 1, 30, false,
                        RequestInfo.guest()));
        assertEquals(List.of("test2", "test3"), ruled.items().stream().map(r -> r.get("title")).toList());
    }

    @Test
    void rulesSeeTheRequestAuth() {
        RequestInfo user = as("users", "4q1xlclmfloku33");
        Page<Record> own = adapter.recordStore().list(collection("users"),
                new RecordQuery(BoundFilter.rule("id = @request.auth.id"), null, List.of(), 1, 30, false, user));
        assertEquals(List.of("4q1xlclmfloku33"), own.items().stream().map(Record::id).toList());

        assertTrue(adapter.recordStore().findMatching(collection("users"), "4q1xlclmfloku33",
                BoundFilter.rule("id = @request.auth.id"), user).isPresent());
        assertTrue(adapter.recordStore().findMatching(collection("users"), "oap640cot4yru2s",
                BoundFilter.rule("id = @request.auth.id"), user).isEmpty());
    }

    @Test
    void matchingIdsAnswersForAWholePageInOneCall() {
        RequestInfo user = as("users", "4q1xlclmfloku33");
        Collection users = collection("users");
        List<String> ids = List.of("4q1xlclmfloku33", "oap640cot4yru2s", "missingmissingx");
        assertEquals(Set.of("4q1xlclmfloku33"),
                adapter.recordStore().matchingIds(users, ids, BoundFilter.rule("id = @request.auth.id"), user));
        // Rules may read hidden fields; a blank rule keeps every stored id.
        assertEquals(Set.of("4q1xlclmfloku33", "oap640cot4yru2s"),
                adapter.recordStore().matchingIds(users, ids, BoundFilter.rule("tokenKey != ''"), user));
        assertEquals(Set.of("4q1xlclmfloku33", "oap640cot4yru2s"),
                adapter.recordStore().matchingIds(users, ids, BoundFilter.rule(""), user));
        assertEquals(Set.of(), adapter.recordStore().matchingIds(users, List.of(), BoundFilter.rule(""), user));

        // More ids than one chunk of bound parameters.
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            many.add(String.format("missing%08d", i));
        }
        many.add(700, "oap640cot4yru2s");
        assertEquals(Set.of("oap640cot4yru2s"),
                adapter.recordStore().matchingIds(users, many, BoundFilter.rule("@request.auth.id != ''"), user));
    }

    @Test
    void hiddenFieldsAreNotClientFilterableExceptBySuperusers() {
        RequestInfo guest = RequestInfo.guest();
        assertThrows(BadRequest.class, () -> adapter.recordStore().list(collection("users"),
                new RecordQuery(null, BoundFilter.client("tokenKey != ''", false), List.of(), 1, 30, false, guest)));
        RequestInfo superuser = as("_superusers", "sywbhecnh46rhm0");
        assertEquals(3, adapter.recordStore().list(collection("users"),
                new RecordQuery(null, BoundFilter.client("tokenKey != ''", true), List.of(), 1, 30, false, superuser)).totalItems());
    }

    @Test
    void draftMatchesEvaluatesTheWouldBeRecord() {
        Collection demo4 = collection("demo4");
        Record draft = new Record(demo4, Map.of("id", "draftdraftdraft", "title", "new",
                "rel_one_no_cascade", "mk5fmymtx4wsprk"));
        assertTrue(adapter.recordStore().draftMatches(demo4, draft, BoundFilter.rule("rel_one_no_cascade.title = 'test4'"),
                RequestInfo.guest()));
        assertFalse(adapter.recordStore().draftMatches(demo4, draft.with("rel_one_no_cascade", "1tmknxy2868d869"),
                BoundFilter.rule("rel_one_no_cascade.title = 'test4'"), RequestInfo.guest()));
        assertTrue(adapter.recordStore().draftMatches(demo4, draft, BoundFilter.rule("title = 'new'"), RequestInfo.guest()));
        assertTrue(adapter.recordStore().draftMatches(demo4, draft, BoundFilter.rule(""), RequestInfo.guest()));
        // Nothing was stored.
        assertTrue(adapter.recordStore().find(demo4, "draftdraftdraft").isEmpty());
    }
}
