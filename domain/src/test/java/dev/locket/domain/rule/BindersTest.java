package dev.locket.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.filter.Expr;
import dev.locket.domain.filter.Identifier;
import dev.locket.domain.filter.RuleParser;
import dev.locket.domain.record.Record;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The path and request binders both executions share: what a path means and which paths are refused. */
class BindersTest {
    static final RuleCases TABLE = RuleCases.load();
    static final Collection POSTS = TABLE.collection("posts").orElseThrow();
    static final Collection USERS = TABLE.collection("users").orElseThrow();

    static Identifier id(String expression) {
        Expr.Compare c = (Expr.Compare) RuleParser.parseRule(expression + " = 1");
        return (Identifier) c.left();
    }

    @Test
    void walksRelationsBackRelationsAndJsonKeys() {
        PathBinder paths = new PathBinder(TABLE::collection, false);
        Identifier team = id("author.team.name");
        PathBinder.Hop hop = assertInstanceOf(PathBinder.Hop.class, paths.step(POSTS, team, 0, 0));
        assertEquals(USERS, hop.target());
        assertInstanceOf(PathBinder.Leaf.class, paths.step(TABLE.collection("teams").orElseThrow(), team, 2, 2));
        // a single relation's id is read from the stored column, no join
        assertTrue(assertInstanceOf(PathBinder.Hop.class, paths.step(POSTS, id("author.id"), 0, 0)).storedIdOnly());
        PathBinder.Via via = assertInstanceOf(PathBinder.Via.class,
                paths.step(POSTS, id("comments_via_post.message"), 0, 0));
        assertEquals("post", via.relation().name());
        PathBinder.JsonPath json = assertInstanceOf(PathBinder.JsonPath.class,
                paths.step(POSTS, id("meta.a.0:lower"), 0, 0));
        // upstream keeps a modifier inside a json key ($.a.0lower)
        assertEquals(List.of("a", "0lower"), json.segments());
    }

    @Test
    void refusesWhatUpstreamRefusesWithThePosition() {
        PathBinder client = new PathBinder(TABLE::collection, false);
        BadRequest unknown = assertThrows(BadRequest.class, () -> client.step(POSTS, id("nope"), 0, 0));
        assertEquals("unknown field \"nope\"", unknown.getMessage());
        // a modifier the field has no use for is dropped, as upstream's resolver drops it
        assertEquals("", assertInstanceOf(PathBinder.Leaf.class, client.step(POSTS, id("title:each"), 0, 0)).modifier());
        assertEquals("each", assertInstanceOf(PathBinder.Leaf.class, client.step(POSTS, id("tags:each"), 0, 0)).modifier());
        assertThrows(BadRequest.class, () -> client.step(POSTS, id("title.x"), 0, 0));
        assertThrows(BadRequest.class, () -> client.step(POSTS, id("comments_via_author.message"), 0, 0));
        BadRequest hops = assertThrows(BadRequest.class, () -> client.step(POSTS, id("author.team"), 0, 6));
        assertEquals("too many relation hops", hops.getMessage());
        // hidden fields: refused in a client filter, allowed in rules
        assertThrows(BadRequest.class, () -> client.step(USERS, id("tokenKey"), 0, 0));
        assertInstanceOf(PathBinder.Leaf.class,
                new PathBinder(TABLE::collection, true).step(USERS, id("tokenKey"), 0, 0));
    }

    @Test
    void bindsRequestValuesWithTheirModifiers() {
        Record user = new Record(USERS, Map.of("id", "u1", "team", "t1"));
        RequestInfo request = new RequestInfo(Optional.of(user), "PATCH", Map.of("x-a", "1"), Map.of(),
                Map.of("tags", List.of("a", "b"), "title", "T"), "default");
        assertEquals(new BoundConstant("PATCH", "PATCH"),
                ((RequestBinder.Constant) RequestBinder.bind(id("@request.method"), POSTS, request, true)).constant());
        assertEquals(new BoundConstant(1L, "1"),
                ((RequestBinder.Constant) RequestBinder.bind(id("@request.headers.x_a:isset"), POSTS,
                        new RequestInfo(Optional.empty(), "GET", Map.of("x_a", "1"), Map.of(), Map.of(), "default"),
                        true))
                        .constant());
        assertEquals(new RequestBinder.Count(2), RequestBinder.bind(id("@request.body.tags:length"), POSTS, request, true));
        assertInstanceOf(RequestBinder.Items.class, RequestBinder.bind(id("@request.body.tags:each"), POSTS, request, true));
        RequestBinder.Changed changed = assertInstanceOf(RequestBinder.Changed.class,
                RequestBinder.bind(id("@request.body.title:changed"), POSTS, request, true));
        assertTrue(changed.wasSubmitted());
        RequestBinder.Related related = assertInstanceOf(RequestBinder.Related.class,
                RequestBinder.bind(id("@request.auth.team.name"), POSTS, request, true));
        assertEquals(List.of("t1"), related.ids());
        // the snapshot lacks a value its collection has: only the store can answer
        assertInstanceOf(RequestBinder.Unloaded.class, RequestBinder.bind(id("@request.auth.name"), POSTS, request, true));
        // with an auth record, :isset reads the row's column as upstream does (no error)
        assertEquals(new BoundConstant("u1", "u1"),
                ((RequestBinder.Constant) RequestBinder.bind(id("@request.auth.id:isset"), POSTS, request, true)).constant());
        assertThrows(BadRequest.class, () -> RequestBinder.bind(id("@request.nope"), POSTS, request, true));
        assertEquals("%a\\_b%", BoundConstant.of("a_b", false).likePattern());
        assertEquals("a%", BoundConstant.of("a%", false).likePattern());
    }
}
