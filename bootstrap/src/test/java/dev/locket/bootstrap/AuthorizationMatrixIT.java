package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.locket.domain.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's authorization matrix: every rule kind × action × caller against one packaged jar, one dynamic test
 * per cell whose expected answer follows upstream v0.39: a locked (null) rule is 403 "Only superusers can
 * perform this action." for everyone but superusers on list/view/create/update/delete
 * ({@code apis/record_crud.go}); a failing rule hides rather than refuses — the list answers 200 without the
 * record, view/update/delete 404, create 400 ("Failed to create record"); a protected file download checks
 * the view rule against the {@code ?token=} file token only and answers 404 when it fails, locked rule
 * included ({@code apis/file.go}); a realtime subscription is accepted (204) for anyone, and an event is sent
 * only to clients the list rule ({@code collection/*}) or view rule ({@code collection/id}) lets see the
 * record ({@code apis/realtime.go}). Callers whose token is not a usable auth token (expired, a file token, one
 * signed before a password change rotated the tokenKey) are guests: upstream's token loading ignores them
 * ({@code apis/middlewares.go} loadAuthToken). An impersonation token is the impersonated user's auth token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {
    static final String SUPERUSER = CliIT.SUPERUSER_TOKEN;
    static final String PASSWORD = "secret-password-1";
    static final String NEW_PASSWORD = "secret-password-2";
    /** A public collection whose event closes each realtime observation (events arrive in order per client). */
    static final String SENTINEL = "am_sentinel";

    enum Kind {
        LOCKED(null), PUBLIC(""), ANY_AUTH("@request.auth.id != ''"), OWNER("owner = @request.auth.id"),
        USERS_ONLY("@request.auth.collectionName = 'users'");

        final String rule;

        Kind(String rule) {
            this.rule = rule;
        }

        String collection() {
            return "am_" + name().toLowerCase();
        }
    }

    /** Who the server should take the caller for. */
    enum Effective { GUEST, OWNER, OTHER_USER, OTHER_AUTH, SUPERUSER }

    enum Caller {
        GUEST(Effective.GUEST), OWNER(Effective.OWNER), OTHER_USER(Effective.OTHER_USER),
        OTHER_AUTH_COLLECTION(Effective.OTHER_AUTH), SUPERUSER(Effective.SUPERUSER), IMPERSONATED(Effective.OWNER),
        EXPIRED_TOKEN(Effective.GUEST), FILE_TOKEN_AS_AUTH(Effective.GUEST),
        TOKEN_BEFORE_PASSWORD_CHANGE(Effective.GUEST);

        final Effective as;

        Caller(Effective as) {
            this.as = as;
        }
    }

    enum Action { LIST, VIEW, CREATE, UPDATE, DELETE, REALTIME_SUBSCRIBE, FILE_DOWNLOAD }

    @TempDir
    static Path tmp;
    LocketProcess server;
    ApiCalls api;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String owner;
    final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    /** Per rule kind: the seeded record's id and its protected file's name. */
    final Map<Kind, String[]> seeded = new EnumMap<>(Kind.class);
    /** What each caller's realtime client got: its subscribe status and the topics of the events per kind. */
    final Map<Caller, String> subscribed = new EnumMap<>(Caller.class);
    final Map<Caller, Map<Kind, List<String>>> events = new EnumMap<>(Caller.class);
    long started;

    static boolean allowed(Kind kind, Effective who) {
        return switch (kind) {
            case LOCKED -> who == Effective.SUPERUSER;
            case PUBLIC -> true;
            case ANY_AUTH -> who != Effective.GUEST;
            case OWNER -> who == Effective.OWNER || who == Effective.SUPERUSER;
            case USERS_ONLY -> who == Effective.OWNER || who == Effective.OTHER_USER || who == Effective.SUPERUSER;
        };
    }

    /** Upstream's answer for one cell, in the words {@link #observe} uses. */
    static String expected(Kind kind, Action action, Effective who) {
        boolean ok = allowed(kind, who);
        boolean superusersOnly = !ok && kind == Kind.LOCKED;
        return switch (action) {
            case LIST -> superusersOnly ? "403" : ok ? "200 listed" : "200 hidden";
            case VIEW, UPDATE -> superusersOnly ? "403" : ok ? "200" : "404";
            case CREATE -> superusersOnly ? "403" : ok ? "200" : "400";
            case DELETE -> superusersOnly ? "403" : ok ? "204" : "404";
            case FILE_DOWNLOAD -> ok ? "200" : "404";
            case REALTIME_SUBSCRIBE -> ok ? "204 events [*, record]" : "204 events []";
        };
    }

    @BeforeAll
    void start() throws Exception {
        started = System.nanoTime();
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        server = LocketProcess.serve(dir);
        api = new ApiCalls(server.baseUrl());
        // password logins without the fixture's MFA, so real auth tokens can be had
        ok(api.call("PATCH", "/api/collections/users", SUPERUSER, Map.of("authRule", "",
                "mfa", Map.of("enabled", false))));
        ok(api.call("PATCH", "/api/collections/clients", SUPERUSER, Map.of("authRule", "",
                "mfa", Map.of("enabled", false),
                "passwordAuth", Map.of("enabled", true, "identityFields", List.of("email")))));
        owner = user("users", "am-owner@example.com");
        user("users", "am-other@example.com");
        user("clients", "am-client@example.com");
        String stale = login("users", "am-owner@example.com", PASSWORD);
        ok(api.call("PATCH", "/api/collections/users/records/" + owner, SUPERUSER,
                Map.of("password", NEW_PASSWORD, "passwordConfirm", NEW_PASSWORD)));
        tokens.put(Caller.OWNER, login("users", "am-owner@example.com", NEW_PASSWORD));
        tokens.put(Caller.OTHER_USER, login("users", "am-other@example.com", PASSWORD));
        tokens.put(Caller.OTHER_AUTH_COLLECTION, login("clients", "am-client@example.com", PASSWORD));
        tokens.put(Caller.SUPERUSER, SUPERUSER);
        tokens.put(Caller.IMPERSONATED, ok(api.call("POST", "/api/collections/users/impersonate/" + owner,
                SUPERUSER, Map.of("duration", 3600))).text("token"));
        tokens.put(Caller.EXPIRED_TOKEN, ok(api.call("POST", "/api/collections/users/impersonate/" + owner,
                SUPERUSER, Map.of("duration", 1))).text("token"));
        long expiredFrom = System.nanoTime() + 2_100_000_000L;
        tokens.put(Caller.FILE_TOKEN_AS_AUTH, ok(api.call("POST", "/api/files/token", tokens.get(Caller.OWNER),
                null)).text("token"));
        tokens.put(Caller.TOKEN_BEFORE_PASSWORD_CHANGE, stale);

        for (Kind kind : Kind.values()) {
            Map<String, Object> collection = new LinkedHashMap<>();
            collection.put("name", kind.collection());
            collection.put("type", "base");
            for (String r : List.of("listRule", "viewRule", "createRule", "updateRule", "deleteRule")) {
                collection.put(r, kind.rule);
            }
            collection.put("fields", List.of(Map.of("name", "title", "type", "text"),
                    Map.of("name", "owner", "type", "relation", "collectionId", "_pb_users_auth_", "maxSelect", 1),
                    Map.of("name", "doc", "type", "file", "maxSelect", 1, "protected", true)));
            ok(api.call("POST", "/api/collections", SUPERUSER, collection));
            seeded.put(kind, seed(kind));
        }
        ok(api.call("POST", "/api/collections", SUPERUSER, Map.of("name", SENTINEL, "type", "base",
                "listRule", "", "viewRule", "", "fields", List.of(Map.of("name", "title", "type", "text")))));
        Thread.sleep(Math.max(0, (expiredFrom - System.nanoTime()) / 1_000_000)); // the 1-second token has expired
        observeRealtime();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        System.out.printf("AuthorizationMatrixIT: %d rule kinds x %d actions x %d callers in %d ms%n",
                Kind.values().length, Action.values().length, Caller.values().length,
                (System.nanoTime() - started) / 1_000_000);
    }

    @TestFactory
    Stream<DynamicNode> everyRuleKindActionAndCallerGetsUpstreamsAnswer() {
        return Arrays.stream(Kind.values()).map(kind -> dynamicContainer(kind + " rule " + kind.rule,
                Arrays.stream(Action.values()).map(action -> dynamicContainer(kind + " " + action,
                        Arrays.stream(Caller.values()).map(caller -> {
                            String want = expected(kind, action, caller.as);
                            return dynamicTest(kind + " " + action + " by " + caller + ": " + want,
                                    () -> assertEquals(want, observe(kind, action, caller)));
                        })))));
    }

    /** What the server answers {@code caller} doing {@code action} on {@code kind}'s seeded record. */
    String observe(Kind kind, Action action, Caller caller) throws Exception {
        String token = tokens.get(caller);
        String records = "/api/collections/" + kind.collection() + "/records";
        String id = seeded.get(kind)[0];
        return switch (action) {
            case LIST -> {
                // no filter: upstream throttles repeated empty filtered lists, which says nothing about access
                ApiCalls.Reply r = api.call("GET", records + "?perPage=500", token, null);
                yield r.status() != 200 ? String.valueOf(r.status())
                        : ((List<?>) r.body().get("items")).stream().anyMatch(i -> id.equals(((Map<?, ?>) i).get("id")))
                        ? "200 listed" : "200 hidden";
            }
            case VIEW -> String.valueOf(api.call("GET", records + "/" + id, token, null).status());
            case CREATE -> String.valueOf(api.call("POST", records, token,
                    Map.of("title", "new", "owner", owner)).status());
            case UPDATE -> String.valueOf(api.call("PATCH", records + "/" + id, token,
                    Map.of("title", "changed")).status());
            case DELETE -> {
                String victim = ok(api.call("POST", records, SUPERUSER, Map.of("title", "to delete", "owner", owner)))
                        .text("id");
                yield String.valueOf(api.call("DELETE", records + "/" + victim, token, null).status());
            }
            case FILE_DOWNLOAD -> {
                // the file token comes from the caller's Authorization (401 for a guest: then no ?token=)
                ApiCalls.Reply ft = api.call("POST", "/api/files/token", token, null);
                String query = ft.status() == 200 ? "?token=" + ft.text("token") : "";
                yield String.valueOf(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/files/"
                                + kind.collection() + "/" + id + "/" + seeded.get(kind)[1] + query)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            }
            case REALTIME_SUBSCRIBE -> subscribed.get(caller) + " events " + events.get(caller).get(kind);
        };
    }

    /**
     * One realtime client per caller subscribes to every kind's {@code collection/*} and {@code collection/id}
     * topics with the caller's token; the superuser then updates each seeded record, and each client's events
     * are read until the sentinel's. Done once, before any REST cell writes.
     */
    void observeRealtime() throws Exception {
        Map<Caller, SseStream> streams = new EnumMap<>(Caller.class);
        try {
            for (Caller caller : Caller.values()) {
                SseStream sse = new SseStream(http, server.baseUrl());
                streams.put(caller, sse);
                List<String> topics = new ArrayList<>(List.of(SENTINEL + "/*"));
                for (Kind kind : Kind.values()) {
                    topics.add(kind.collection() + "/*");
                    topics.add(kind.collection() + "/" + seeded.get(kind)[0]);
                }
                subscribed.put(caller, String.valueOf(api.call("POST", "/api/realtime", tokens.get(caller),
                        Map.of("clientId", sse.clientId, "subscriptions", topics)).status()));
            }
            for (Kind kind : Kind.values()) {
                ok(api.call("PATCH", "/api/collections/" + kind.collection() + "/records/" + seeded.get(kind)[0],
                        SUPERUSER, Map.of("title", "announced")));
            }
            ok(api.call("POST", "/api/collections/" + SENTINEL + "/records", SUPERUSER, Map.of("title", "done")));
            for (Caller caller : Caller.values()) {
                Map<Kind, List<String>> got = new EnumMap<>(Kind.class);
                for (Kind kind : Kind.values()) {
                    got.put(kind, new ArrayList<>());
                }
                for (SseStream.Message m : streams.get(caller).until(SENTINEL + "/*")) {
                    Kind kind = Kind.valueOf(m.event().substring(3, m.event().indexOf('/')).toUpperCase());
                    got.get(kind).add(m.event().endsWith("/*") ? "*" : "record");
                }
                events.put(caller, got);
            }
        } finally {
            streams.values().forEach(SseStream::close);
        }
    }

    /** A record owned by the owner with a protected file (multipart, as superuser): its id and file name. */
    String[] seed(Kind kind) throws Exception {
        String boundary = "amboundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nseeded\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"owner\"\r\n\r\n" + owner + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"secret.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nsecret\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/collections/"
                        + kind.collection() + "/records"))
                .header("Authorization", SUPERUSER).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Map<?, ?> record = (Map<?, ?>) Json.parse(r.body());
        return new String[] {record.get("id").toString(), record.get("doc").toString()};
    }

    String user(String collection, String email) throws Exception {
        return ok(api.call("POST", "/api/collections/" + collection + "/records", SUPERUSER, Map.of("email", email,
                "password", PASSWORD, "passwordConfirm", PASSWORD))).text("id");
    }

    String login(String collection, String email, String password) throws Exception {
        return ok(api.call("POST", "/api/collections/" + collection + "/auth-with-password", null,
                Map.of("identity", email, "password", password))).text("token");
    }

    static ApiCalls.Reply ok(ApiCalls.Reply r) {
        if (r.status() != 200) {
            throw new AssertionError("expected 200, got " + r.status() + ": " + r.raw());
        }
        return r;
    }
}
