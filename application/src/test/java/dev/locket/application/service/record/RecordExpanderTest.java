package dev.locket.application.service.record;

import static dev.locket.application.fake.Fixtures.base;
import static dev.locket.application.fake.Fixtures.relation;
import static dev.locket.application.fake.Fixtures.record;
import static dev.locket.application.fake.Fixtures.rules;
import static dev.locket.application.fake.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RecordExpanderTest {
    private static final String PATHS = "author.team.lead, tags.owner.team, comments_via_post.author.team";

    // people: the viewRule is decided in memory; teams, tags and comments need a relation hop, so the store.
    private final BaseCollection people = base("people", rules("", "name != 'hidden'", "", "", ""),
            text("name", false), relation("team", "pbc_teams", false, false, 1));
    private final BaseCollection teams = withId(base("teams", rules("", "lead.name != 'ghost'", "", "", ""),
            text("name", false), relation("lead", people.id(), false, false, 1)), "pbc_teams");
    private final BaseCollection tags = base("tags", rules("", "owner.name != 'ghost'", "", "", ""),
            text("label", false), relation("owner", people.id(), false, false, 1));
    private final BaseCollection posts = base("posts", rules("", "", "", "", ""), text("title", false),
            relation("author", people.id(), false, false, 1), relation("tags", tags.id(), false, false, 5));
    private final BaseCollection comments = base("comments", rules("", "post.title != 'locked'", "", "", ""),
            text("body", false), relation("post", posts.id(), false, false, 1),
            relation("author", people.id(), false, false, 1));

    private final InMemoryCollectionStore collections = new InMemoryCollectionStore(people, teams, tags, posts,
            comments);
    private final InMemoryRecordStore store = new InMemoryRecordStore(collections::find);
    private final CountingRecordStore counting = new CountingRecordStore(store);
    private final RecordExpander expander = new RecordExpander(collections, counting, java.time.Clock.systemUTC());

    @Test
    void normalisesExpandPathsAsUpstream() {
        assertEquals(List.of(List.of("author", "team"), List.of("tags")),
                RecordExpander.normalize(" author , author.team,.tags.,,tags"));
        assertEquals(6, RecordExpander.normalize("a.b.c.d.e.f.g.h").get(0).size(), "at most 6 levels");
    }

    @Test
    void expandingAPageCostsTheSameStoreCallsForThreeRecordsAsForThirty() {
        List<Record> page = seed(30);

        expander.expand(posts, page.subList(0, 3), PATHS, RequestInfo.guest());
        Map<String, Integer> small = counting.takeCalls();
        expander.expand(posts, page, PATHS, RequestInfo.guest());
        Map<String, Integer> large = counting.takeCalls();

        assertEquals(small, large, "store calls do not grow with the page");
        int total = large.values().stream().mapToInt(Integer::intValue).sum();
        // 9 hops (3 paths x 3 levels): one fetch each, and one rule query for the 5 hops whose viewRule
        // needs the store (teams x3, tags, comments).
        assertEquals(14, total, large.toString());
        assertEquals(Set.of("findByIds", "findReferencingAny", "matchingIds"), large.keySet(),
                "no per-record lookups");
    }

    @Test
    void batchedExpandKeepsVisibilityOrderAndShapes() {
        List<Record> page = expander.expand(posts, seed(30), PATHS, RequestInfo.guest());

        Record author0 = (Record) page.get(0).expand().get("author");
        assertEquals(id("person", 0), author0.id());
        Record team0 = (Record) author0.expand().get("team");
        assertEquals(id("team", 0), team0.id());
        assertEquals(id("lead", 0), ((Record) team0.expand().get("lead")).id());

        assertFalse(page.get(1).expand().containsKey("author"), "the people viewRule hides 'hidden'");
        Record author2 = (Record) page.get(2).expand().get("author");
        assertFalse(author2.expand().containsKey("team"), "team 2 is led by a ghost: the store says no");

        @SuppressWarnings("unchecked")
        List<Record> tags0 = (List<Record>) page.get(0).expand().get("tags");
        assertEquals(List.of(id("tagb", 0), id("taga", 0)), tags0.stream().map(Record::id).toList(),
                "multiple relations keep the stored order");
        @SuppressWarnings("unchecked")
        List<Record> tags5 = (List<Record>) page.get(5).expand().get("tags");
        assertEquals(List.of(id("tagb", 5)), tags5.stream().map(Record::id).toList(), "ghost-owned tag skipped");
        Record owner = (Record) tags0.get(0).expand().get("owner");
        assertEquals(id("person", 0), owner.id());
        assertTrue(owner.expand().containsKey("team"));

        @SuppressWarnings("unchecked")
        List<Record> comments0 = (List<Record>) page.get(0).expand().get("comments_via_post");
        assertEquals(List.of(id("c", 0), id("c", 100)), comments0.stream().map(Record::id).toList());
        assertEquals(id("person", 0), ((Record) comments0.get(0).expand().get("author")).id());
        assertFalse(page.get(4).expand().containsKey("comments_via_post"), "comments of a locked post hidden");
        for (int i = 0; i < 30; i++) {
            assertEquals(id("post", i), page.get(i).id(), "page order kept");
        }
    }

    /** n posts, each with its own author, two tags (stored b before a) and two comments. */
    private List<Record> seed(int n) {
        // The viewRules that need a join, answered as the database would.
        store.answerRule("lead.name != 'ghost'", team -> !"ghost".equals(field(people, team.get("lead"), "name")));
        store.answerRule("owner.name != 'ghost'", tag -> !"ghost".equals(field(people, tag.get("owner"), "name")));
        store.answerRule("post.title != 'locked'",
                comment -> !"locked".equals(field(posts, comment.get("post"), "title")));
        store.put(record(people, "id", id("ghost", 0), "name", "ghost"));
        for (int t = 0; t < 3; t++) {
            String lead = t == 2 ? id("ghost", 0) : id("lead", t);
            store.put(record(people, "id", id("lead", t), "name", "lead " + t));
            store.put(record(teams, "id", id("team", t), "name", "team " + t, "lead", lead));
        }
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            store.put(record(people, "id", id("person", i), "name", i == 1 ? "hidden" : "person " + i,
                    "team", id("team", i % 3)));
            store.put(record(tags, "id", id("taga", i), "label", "a", "owner", i == 5 ? id("ghost", 0) : id("person", i)));
            store.put(record(tags, "id", id("tagb", i), "label", "b", "owner", id("person", i)));
            out.add(store.put(record(posts, "id", id("post", i), "title", i == 4 ? "locked" : "post " + i,
                    "author", id("person", i), "tags", List.of(id("tagb", i), id("taga", i)))));
        }
        for (int i = 0; i < n; i++) {
            store.put(record(comments, "id", id("c", i), "body", "first", "post", id("post", i),
                    "author", id("person", i)));
        }
        for (int i = 0; i < n; i++) {
            store.put(record(comments, "id", id("c", 100 + i), "body", "second", "post", id("post", i),
                    "author", id("person", i)));
        }
        return out;
    }

    private Object field(Collection c, Object id, String name) {
        return store.find(c, String.valueOf(id)).map(r -> r.get(name)).orElse("");
    }

    private static String id(String prefix, int i) {
        return prefix + String.format("%0" + (15 - prefix.length()) + "d", i);
    }

    private static BaseCollection withId(BaseCollection c, String id) {
        return new BaseCollection(id, c.name(), c.system(), c.fields(), c.rules(), c.indexes(), c.created(),
                c.updated());
    }

    /** Counts the calls each store method gets. */
    private static final class CountingRecordStore implements RecordStore {
        private final RecordStore delegate;
        private final Map<String, Integer> calls = new TreeMap<>();

        CountingRecordStore(RecordStore delegate) {
            this.delegate = delegate;
        }

        Map<String, Integer> takeCalls() {
            Map<String, Integer> out = new TreeMap<>(calls);
            calls.clear();
            return out;
        }

        private void count(String method) {
            calls.merge(method, 1, Integer::sum);
        }

        @Override
        public Optional<Record> find(Collection collection, String id) {
            count("find");
            return delegate.find(collection, id);
        }

        @Override
        public Optional<Record> findMatching(Collection collection, String id, dev.locket.domain.filter.BoundFilter filter, RequestInfo request) {
            count("findMatching");
            return delegate.findMatching(collection, id, filter, request);
        }

        @Override
        public List<Record> findByIds(Collection collection, List<String> ids) {
            count("findByIds");
            return delegate.findByIds(collection, ids);
        }

        @Override
        public Page<Record> list(Collection collection, RecordQuery query) {
            count("list");
            return delegate.list(collection, query);
        }

        @Override
        public boolean draftMatches(Collection collection, Record draft, dev.locket.domain.filter.BoundFilter filter, RequestInfo request) {
            count("draftMatches");
            return delegate.draftMatches(collection, draft, filter, request);
        }

        @Override
        public List<Record> findReferencing(Collection collection, String field, String id) {
            count("findReferencing");
            return delegate.findReferencing(collection, field, id);
        }

        @Override
        public List<Record> findReferencingAny(Collection collection, String field, List<String> ids) {
            count("findReferencingAny");
            return delegate.findReferencingAny(collection, field, ids);
        }

        @Override
        public Set<String> matchingIds(Collection collection, List<String> ids, dev.locket.domain.filter.BoundFilter filter, RequestInfo request) {
            count("matchingIds");
            return delegate.matchingIds(collection, ids, filter, request);
        }

        @Override
        public void insert(Collection collection, Record record) {
            count("insert");
            delegate.insert(collection, record);
        }

        @Override
        public void update(Collection collection, Record record) {
            count("update");
            delegate.update(collection, record);
        }

        @Override
        public void delete(Collection collection, String id) {
            count("delete");
            delegate.delete(collection, id);
        }

        @Override
        public void deleteAll(Collection collection) {
            count("deleteAll");
            delegate.deleteAll(collection);
        }
    }
}
