package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's authorization matrix, generated as a table: every rule kind × action × caller against the
 * packaged jar, each cell's expected status derived from upstream's rules (a locked rule is 403 for all but
 * superusers; a failing filter hides: empty list, 404 on view/update/delete/file, 400 on create). Callers
 * whose token is not a usable auth token (expired, a file token, one issued before a password change) are
 * guests, as upstream's token loading ignores them.
 */
class AuthorizationMatrixIT {
    static final String SUPERUSER = CliIT.SUPERUSER_TOKEN;

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
        EXPIRED_TOKEN(Effective.GUEST), FILE_TOKEN_AS_AUTH(Effective.GUEST), TOKEN_BEFORE_PASSWORD_CHANGE(Effective.GUEST);

        final Effective as;

        Caller(Effective as) {
            this.as = as;
        }
    }

    enum Action { LIST, VIEW, CREATE, UPDATE, DELETE, FILE_DOWNLOAD }

    @TempDir
    Path tmp;

    static boolean allowed(Kind kind, Effective who) {
        return switch (kind) {
            case LOCKED -> who == Effective.SUPERUSER;
            case PUBLIC -> true;
            case ANY_AUTH -> who != Effective.GUEST;
            case OWNER -> who == Effective.OWNER || who == Effective.SUPERUSER;
            case USERS_ONLY -> who == Effective.OWNER || who == Effective.OTHER_USER || who == Effective.SUPERUSER;
        };
    }

    /** Upstream's answer: status, and for a list the number of seeded records seen. */
    static String expected(Kind kind, Action action, Effective who) {
        boolean ok = allowed(kind, who);
        if (!ok && kind == Kind.LOCKED && action != Action.FILE_DOWNLOAD) {
            return "403";
        }
        return switch (action) {
            case LIST -> ok ? "200 items=1" : "200 items=0";
            case VIEW, UPDATE, FILE_DOWNLOAD -> ok ? "200" : "404";
            case CREATE -> ok ? "200" : "400";
            case DELETE -> ok ? "204" : "404";
        };
    }

    @Test
    void everyRuleKindActionAndCallerGetsUpstreamsAnswer() throws Exception {
        long start = System.nanoTime();
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        try (LocketProcess server = LocketProcess.serve(dir)) {
            ApiCalls api = new ApiCalls(server.baseUrl());
            // password logins without the fixture's MFA, so real auth tokens can be had
            ok(api.call("PATCH", "/api/collections/users", SUPERUSER, Map.of("authRule", "",
                    "mfa", Map.of("enabled", false))));
            ok(api.call("PATCH", "/api/collections/clients", SUPERUSER, Map.of("authRule", "",
                    "mfa", Map.of("enabled", false),
                    "passwordAuth", Map.of("enabled", true, "identityFields", List.of("email")))));
            String owner = user(api, "users", "am-owner@example.com");
            String other = user(api, "users", "am-other@example.com");
            user(api, "clients", "am-client@example.com");
            String stale = login(api, "users", "am-owner@example.com", "secret-password-1");
            ok(api.call("PATCH", "/api/collections/users/records/" + owner, SUPERUSER,
                    Map.of("password", "secret-password-2", "passwordConfirm", "secret-password-2")));
            Map<Caller, String> tokens = new LinkedHashMap<>();
            tokens.put(Caller.GUEST, null);
            tokens.put(Caller.OWNER, login(api, "users", "am-owner@example.com", "secret-password-2"));
            tokens.put(Caller.OTHER_USER, login(api, "users", "am-other@example.com", "secret-password-1"));
            tokens.put(Caller.OTHER_AUTH_COLLECTION, login(api, "clients", "am-client@example.com", "secret-password-1"));
            tokens.put(Caller.SUPERUSER, SUPERUSER);
            tokens.put(Caller.IMPERSONATED, ok(api.call("POST", "/api/collections/users/impersonate/" + owner,
                    SUPERUSER, Map.of("duration", 3600))).text("token"));
            tokens.put(Caller.EXPIRED_TOKEN, ok(api.call("POST", "/api/collections/users/impersonate/" + owner,
                    SUPERUSER, Map.of("duration", 1))).text("token"));
            tokens.put(Caller.FILE_TOKEN_AS_AUTH, ok(api.call("POST", "/api/files/token",
                    tokens.get(Caller.OWNER), null)).text("token"));
            tokens.put(Caller.TOKEN_BEFORE_PASSWORD_CHANGE, stale);
            Thread.sleep(2100); // the 1-second token is expired from here on

            List<String> failures = new ArrayList<>();
            int cells = 0;
            for (Kind kind : Kind.values()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("name", kind.collection());
                fields.put("type", "base");
                for (String r : List.of("listRule", "viewRule", "createRule", "updateRule", "deleteRule")) {
                    fields.put(r, kind.rule);
                }
                fields.put("fields", List.of(Map.of("name", "title", "type", "text"),
                        Map.of("name", "owner", "type", "relation", "collectionId", "_pb_users_auth_", "maxSelect", 1),
                        Map.of("name", "doc", "type", "file", "maxSelect", 1, "protected", true)));
                ok(api.call("POST", "/api/collections", SUPERUSER, fields));
                String seeded = seed(server, kind, owner);
                String docName = ok(api.call("GET", "/api/collections/" + kind.collection() + "/records/" + seeded,
                        SUPERUSER, null)).text("doc");
                for (Caller caller : Caller.values()) {
                    String token = tokens.get(caller);
                    String victim = ok(api.call("POST", "/api/collections/" + kind.collection() + "/records",
                            SUPERUSER, Map.of("title", "to delete", "owner", owner))).text("id");
                    for (Action action : Action.values()) {
                        String got = switch (action) {
                            case LIST -> {
                                ApiCalls.Reply r = api.call("GET", "/api/collections/" + kind.collection()
                                        + "/records?filter=" + java.net.URLEncoder.encode("id='" + seeded + "'",
                                        StandardCharsets.UTF_8), token, null);
                                yield r.status() == 200 ? "200 items=" + ((List<?>) r.body().get("items")).size()
                                        : String.valueOf(r.status());
                            }
                            case VIEW -> String.valueOf(api.call("GET", "/api/collections/" + kind.collection()
                                    + "/records/" + seeded, token, null).status());
                            case CREATE -> String.valueOf(api.call("POST", "/api/collections/" + kind.collection()
                                    + "/records", token, Map.of("title", "new", "owner", owner)).status());
                            case UPDATE -> String.valueOf(api.call("PATCH", "/api/collections/" + kind.collection()
                                    + "/records/" + seeded, token, Map.of("title", "changed")).status());
                            case DELETE -> String.valueOf(api.call("DELETE", "/api/collections/" + kind.collection()
                                    + "/records/" + victim, token, null).status());
                            case FILE_DOWNLOAD -> {
                                ApiCalls.Reply ft = api.call("POST", "/api/files/token", token, null);
                                String q = ft.status() == 200 ? "?token=" + ft.text("token") : "";
                                // the file itself is not JSON: only its status is read
                                yield String.valueOf(api.http().send(java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(server.baseUrl() + "/api/files/" + kind.collection() + "/"
                                                + seeded + "/" + docName + q)).build(),
                                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
                            }
                        };
                        String want = expected(kind, action, caller.as);
                        cells++;
                        String line = String.format("%-10s %-13s %-28s expected %-12s got %s", kind, action, caller,
                                want, got);
                        if (!want.equals(got)) {
                            failures.add(line);
                        }
                    }
                }
            }
            System.out.printf("AuthorizationMatrixIT: %d cells (%d rule kinds x %d actions x %d callers) in %d ms%n",
                    cells, Kind.values().length, Action.values().length, Caller.values().length,
                    (System.nanoTime() - start) / 1_000_000);
            assertTrue(failures.isEmpty(), failures.size() + " of " + cells + " cells differ:\n"
                    + String.join("\n", failures));
        }
    }

    /** A record owned by {@code owner} with a protected file (multipart, as superuser). */
    static String seed(LocketProcess server, Kind kind, String owner) throws Exception {
        String boundary = "amboundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nseeded\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"owner\"\r\n\r\n" + owner + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"secret.txt\"\r\nContent-Type: text/plain"
                + "\r\n\r\nsecret\r\n--" + boundary + "--\r\n";
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl() + "/api/collections/" + kind.collection() + "/records"))
                .header("Authorization", SUPERUSER).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 200, r.body());
        return ((Map<?, ?>) dev.locket.domain.json.Json.parse(r.body())).get("id").toString();
    }

    static String user(ApiCalls api, String collection, String email) throws Exception {
        return ok(api.call("POST", "/api/collections/" + collection + "/records", SUPERUSER, Map.of("email", email,
                "password", "secret-password-1", "passwordConfirm", "secret-password-1"))).text("id");
    }

    static String login(ApiCalls api, String collection, String email, String password) throws Exception {
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
