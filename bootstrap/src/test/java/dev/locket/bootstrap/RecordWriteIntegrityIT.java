package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 items 3 and 11 over real HTTP against the packaged jar: create rules see the real table (as
 * upstream's create check, whose stand-in row has a name of its own), and concurrent {@code field+} /
 * {@code field-} updates all count.
 */
class RecordWriteIntegrityIT {
    static final String SUPERUSER = CliIT.SUPERUSER_TOKEN;

    @TempDir
    static Path tmp;
    static LocketProcess server;
    static ApiCalls api;
    static String postsId;
    static String alice;
    static String aliceToken;
    static String bob;
    static String bobToken;
    static String carol;
    static String carolToken;
    static String alicePost;

    @BeforeAll
    static void start() throws Exception {
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        server = LocketProcess.serve(dir);
        api = new ApiCalls(server.baseUrl());
        ApiCalls.Reply posts = ok(api.call("POST", "/api/collections", SUPERUSER, Map.of(
                "name", "wi_posts", "type", "base",
                "listRule", "", "viewRule", "", "updateRule", "",
                "fields", List.of(
                        Map.of("name", "title", "type", "text"),
                        Map.of("name", "views", "type", "number"),
                        Map.of("name", "owner", "type", "relation", "collectionId", "_pb_users_auth_", "maxSelect", 1)))));
        postsId = posts.text("id");
        ok(api.call("PATCH", "/api/collections/" + postsId, SUPERUSER, Map.of("fields", List.of(
                Map.of("name", "title", "type", "text"),
                Map.of("name", "views", "type", "number"),
                Map.of("name", "owner", "type", "relation", "collectionId", "_pb_users_auth_", "maxSelect", 1),
                Map.of("name", "parent", "type", "relation", "collectionId", postsId, "maxSelect", 1)))));
        alice = user("wi-alice@example.com");
        bob = user("wi-bob@example.com");
        carol = user("wi-carol@example.com");
        aliceToken = login(alice);
        bobToken = login(bob);
        carolToken = login(carol);
        alicePost = ok(api.call("POST", "/api/collections/wi_posts/records", SUPERUSER,
                Map.of("title", "ticket", "owner", alice))).text("id");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ---- item 3: create rules with the real table visible ------------------------------------

    @Test
    void aSelfRelationInTheCreateRuleReadsTheStoredParent() throws Exception {
        createRule("@request.auth.id != '' && parent.owner != @request.auth.id");
        assertEquals(400, createAs(aliceToken, Map.of("title", "reply to self", "parent", alicePost, "owner", alice)),
                "alice may not answer her own post (upstream denies)");
        assertEquals(200, createAs(bobToken, Map.of("title", "reply", "parent", alicePost, "owner", bob)));

        createRule("@request.auth.id != '' && parent.owner = @request.auth.id");
        assertEquals(200, createAs(aliceToken, Map.of("title", "follow-up", "parent", alicePost, "owner", alice)),
                "the = form allows the legitimate create");
        assertEquals(400, createAs(bobToken, Map.of("title", "follow-up", "parent", alicePost, "owner", bob)));
    }

    @Test
    void collectionJoinsAndBackRelationsOnTheSameCollectionSeeTheStoredRows() throws Exception {
        createRule("@collection.wi_posts.owner ?= @request.auth.id && @collection.wi_posts.title ?= 'ticket'");
        assertEquals(200, createAs(aliceToken, Map.of("title", "ticket", "owner", alice)),
                "alice owns a stored ticket post");
        assertEquals(400, createAs(carolToken, Map.of("title", "ticket", "owner", carolId())),
                "carol's draft alone must not satisfy @collection (upstream: the draft is not in the table)");

        createRule("owner.wi_posts_via_owner.title ?= 'ticket'");
        assertEquals(200, createAs(aliceToken, Map.of("title", "anything", "owner", alice)));
        assertEquals(400, createAs(carolToken, Map.of("title", "ticket", "owner", carolId())),
                "the back-relation reads stored posts, not the draft");
    }

    // ---- item 11: modifiers applied to the row inside the write transaction ------------------

    @Test
    void concurrentIncrementsAndDecrementsAreNeverLost() throws Exception {
        String id = ok(api.call("POST", "/api/collections/wi_posts/records", SUPERUSER,
                Map.of("title", "counter", "views", 0))).text("id");
        long start = System.nanoTime();
        List<Integer> statuses = concurrently(50, i -> api.call("PATCH", "/api/collections/wi_posts/records/" + id,
                null, Map.of("views+", 1)).status());
        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertEquals(50.0, views(id), "50 concurrent views+ 1");

        statuses = concurrently(30, i -> api.call("PATCH", "/api/collections/wi_posts/records/" + id,
                null, Map.of(i % 3 == 0 ? "views+" : "views-", 2)).status());
        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertEquals(50.0 + 10 * 2 - 20 * 2, views(id), "10 × +2 and 20 × -2 on top of 50");
        System.out.printf("RecordWriteIntegrityIT: 80 concurrent modifier updates in %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
    }

    // ---- helpers -----------------------------------------------------------------------------

    interface Call {
        int run(int i) throws Exception;
    }

    static List<Integer> concurrently(int n, Call call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int at = i;
                futures.add(pool.submit(() -> call.run(at)));
            }
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    static double views(String id) throws Exception {
        return ((Number) ok(api.call("GET", "/api/collections/wi_posts/records/" + id, null, null)).body()
                .get("views")).doubleValue();
    }

    static synchronized void createRule(String rule) throws Exception {
        ok(api.call("PATCH", "/api/collections/" + postsId, SUPERUSER, Map.of("createRule", rule)));
    }

    static synchronized int createAs(String token, Map<String, Object> body) throws Exception {
        return api.call("POST", "/api/collections/wi_posts/records", token, body).status();
    }

    static String carolId() {
        return carol;
    }

    static String user(String email) throws Exception {
        return ok(api.call("POST", "/api/collections/users/records", SUPERUSER, Map.of("email", email,
                "password", "secret-password-1", "passwordConfirm", "secret-password-1"))).text("id");
    }

    /** An auth token of the user (impersonated: the fixture's users collection asks for MFA on password logins). */
    static String login(String id) throws Exception {
        return ok(api.call("POST", "/api/collections/users/impersonate/" + id, SUPERUSER, Map.of("duration", 3600)))
                .text("token");
    }

    static ApiCalls.Reply ok(ApiCalls.Reply r) {
        if (r.status() != 200) {
            throw new AssertionError("expected 200, got " + r.status() + ": " + r.raw());
        }
        return r;
    }
}
