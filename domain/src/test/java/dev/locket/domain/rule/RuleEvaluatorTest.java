package dev.locket.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.Expr;
import dev.locket.domain.filter.RuleParser;
import dev.locket.domain.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Behaviour of the evaluator beyond the shared case table. */
class RuleEvaluatorTest {

    static final RuleCases TABLE = RuleCases.load();
    static final RuleEvaluator EVALUATOR = new RuleEvaluator(TABLE::collection, TABLE.clock());
    static final Collection POSTS = TABLE.collection("posts").orElseThrow();
    static final Collection USERS = TABLE.collection("users").orElseThrow();

    static Record post(Map<String, Object> values) {
        return new Record(POSTS, values);
    }

    @Test
    void appliesAccessRulesAsTheServicesDo() {
        Record post = post(Map.of("id", "p1", "title", "x"));
        Record superuser = new Record(TABLE.collection("users").orElseThrow(), Map.of("id", "s1"));
        RequestInfo asSuperuser = RequestInfo.superuser(new Record(
                new dev.locket.domain.collection.BaseCollection("pbc_3142635823", RequestInfo.SUPERUSERS, true,
                        List.of(), dev.locket.domain.collection.CollectionRules.locked(), List.of(), "", ""),
                Map.of("id", "s1")));
        assertEquals(Decision.DENY, EVALUATOR.evaluate(POSTS, post, RequestInfo.guest(), AccessRule.LOCKED));
        assertEquals(Decision.ALLOW, EVALUATOR.evaluate(POSTS, post, asSuperuser, AccessRule.LOCKED));
        assertEquals(Decision.ALLOW, EVALUATOR.evaluate(POSTS, post, RequestInfo.guest(), AccessRule.PUBLIC));
        assertEquals(Decision.DENY, EVALUATOR.evaluate(POSTS, post, RequestInfo.guest(), AccessRule.of("title = 'y'")));
        assertEquals(Decision.ALLOW, EVALUATOR.evaluate(POSTS, post, asSuperuser, AccessRule.of("title = 'y'")));
        assertEquals(Decision.ALLOW, EVALUATOR.evaluate(POSTS, post, RequestInfo.guest(), "  "));
        assertEquals(Decision.DENY, EVALUATOR.evaluate(POSTS, post,
                new RequestInfo(Optional.of(superuser), "GET", Map.of(), Map.of(), Map.of(), "default"),
                "@request.auth.id = ''"));
    }

    @Test
    void readsAbsentValuesAsTheFieldsBlankValues() {
        Record sparse = post(Map.of("id", "p1"));
        assertEquals(Decision.ALLOW, EVALUATOR.evaluate(POSTS, sparse, RequestInfo.guest(),
                "views = 0 && published = false && tags:length = 0 && title = '' && meta = null && loc.lat = 0"));
        assertEquals(Decision.DENY, EVALUATOR.evaluate(POSTS, sparse, RequestInfo.guest(), "views = ''"));
    }

    @Test
    void acceptsAnAlreadyParsedExpression() {
        Expr expr = RuleParser.parseRule("title ~ 'ell'");
        assertEquals(Decision.ALLOW, EVALUATOR.evaluate(POSTS, post(Map.of("title", "Hello")), null, expr));
    }

    @Test
    void fallsBackToTheStoreWhenJoinedRowCombinationsExplode() {
        List<String> many = IntStream.range(0, 700).mapToObj(i -> "v" + i).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tags", many);
        body.put("editors", many);
        RequestInfo request = RequestInfo.guest().withBody(body);
        Record post = post(Map.of("id", "p1"));
        assertEquals(Decision.NEEDS_STORE, EVALUATOR.evaluate(POSTS, post, request,
                "@request.body.tags:each ?= 'x' && @request.body.editors:each ?= 'y'"));
        assertEquals(Decision.ALLOW, EVALUATOR.evaluate(POSTS, post, request, "@request.body.tags:each ?= 'v699'"));
        assertEquals(Decision.DENY, EVALUATOR.evaluate(POSTS, post, request, "@request.body.tags:each = 'v1'"));
    }

    @Test
    void neverThrowsAnythingButBadRequestForArbitraryRulesAndValues() {
        Random random = new Random(7);
        String alphabet = "abtvw@._:'\"()=!~?<>&| 019%\\-";
        String[] words = {"title", "tags:each", "meta.a", "@request.body.x", "@request.auth.id", "views", "'x'",
            "geoDistance(1, title, loc.lat, 3)", "editors.name", "@collection.teams.name", "1", "null"};
        List<Object> odd = new ArrayList<>(List.of("", "x", 1.5, 7L, true, List.of(), List.of(1, "a"),
                Map.of("k", List.of(Map.of())), "{\"a\":[1,{\"b\":null}]}", "[1e999]", "\u0000%_"));
        for (int n = 0; n < 3000; n++) {
            StringBuilder rule = new StringBuilder();
            if (random.nextBoolean()) {
                for (int i = 0; i < 1 + random.nextInt(30); i++) {
                    rule.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            } else {
                rule.append(words[random.nextInt(words.length)]).append(" ~ ").append(words[random.nextInt(words.length)]);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("id", "p1");
            values.put("title", odd.get(random.nextInt(odd.size())));
            values.put("meta", odd.get(random.nextInt(odd.size())));
            values.put("tags", odd.get(random.nextInt(odd.size())));
            values.put("views", odd.get(random.nextInt(odd.size())));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("x", odd.get(random.nextInt(odd.size())));
            try {
                EVALUATOR.evaluate(POSTS, post(values), RequestInfo.guest().withBody(body), rule.toString());
            } catch (BadRequest expected) {
                // fine: malformed or unresolvable
            }
        }
    }

    @Test
    void rejectsUnresolvablePathsEvenBehindTheStore() {
        assertThrows(BadRequest.class, () -> EVALUATOR.evaluate(POSTS, post(Map.of()), RequestInfo.guest(),
                "author.team.nope = 1"));
        assertThrows(BadRequest.class, () -> EVALUATOR.evaluate(USERS, new Record(USERS, Map.of()),
                RequestInfo.guest(), "comments_via_author.post.nope ?= 1"));
        assertEquals(Decision.NEEDS_STORE, EVALUATOR.evaluate(USERS, new Record(USERS, Map.of()),
                RequestInfo.guest(), "comments_via_author.post.title ?= 1"));
    }
}
