package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input against the packaged jar: every answer must be a client error in PocketBase's
 * {@code {data, message, status}} shape (never a 500 or a stack trace), and the stored data the
 * requests should not touch must be unchanged afterwards.
 */
class HostileInputIT {
    static final String SUPERUSER = CliIT.SUPERUSER_TOKEN;
    static final String USER = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Fixed, so a failure reproduces. */
    static final long SEED = 20260601L;

    @TempDir
    static Path tmp;
    static LocketProcess server;
    static HttpClient client;
    static String expiredSuperuser;
    static final List<String> failures = new ArrayList<>();
    static int sent;

    @BeforeAll
    static void start() throws Exception {
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        expiredSuperuser = expiredSuperuserToken(dir);
        server = LocketProcess.serve(dir);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void hostileRequestsGetClientErrorsAndLeaveTheDataAlone() throws Exception {
        Map<String, String> before = snapshot();
        Random random = new Random(SEED);

        timed("bodies", () -> badBodies(random));
        timed("field types", HostileInputIT::wrongFieldTypes);
        timed("ids", HostileInputIT::badIds);
        timed("query", () -> badQueryParams(random));
        timed("content types", () -> badContentTypes(random));
        timed("authorization", HostileInputIT::badAuthorization);
        timed("routes", HostileInputIT::unknownRoutes);
        timed("oversized", HostileInputIT::oversizedBodies);
        timed("raw http", HostileInputIT::rawHttp);

        Map<String, String> after = snapshot();
        for (String key : before.keySet()) {
            if (!before.get(key).equals(after.get(key))) {
                String a = before.get(key);
                String b = after.get(key);
                int at = 0;
                while (at < Math.min(a.length(), b.length()) && a.charAt(at) == b.charAt(at)) {
                    at++;
                }
                int from = Math.max(0, at - 150);
                failures.add(key + " changed at " + at + ":\n  before …" + a.substring(from, Math.min(a.length(), at + 150))
                        + "\n  after  …" + b.substring(from, Math.min(b.length(), at + 150)));
            }
        }
        assertTrue(sent > 500, "sent " + sent);
        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " bad answers:\n" + String.join("\n", failures));
        assertTrue(server.output().lines().noneMatch(l -> l.contains("\tat dev.locket.") || l.contains("Unhandled error")),
                "no stack traces in the log:\n" + server.output());
    }

    interface Section {
        void run() throws Exception;
    }

    static void timed(String name, Section section) throws Exception {
        long start = System.nanoTime();
        int before = sent;
        section.run();
        System.out.printf("HostileInputIT %-14s %5d requests %6d ms%n", name, sent - before,
                (System.nanoTime() - start) / 1_000_000);
    }

    // ---- the hostile inputs -------------------------------------------------------------------

    /** Bodies that are not a JSON object, sent to every route that reads one. */
    static void badBodies(Random random) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (String s : List.of("{bad", "[1,2,3]", "\"text\"", "123", "null", "true", "", "{", "}", "{\"a\":}",
                "1e999999", "123456789012345678901234567890123456789", "{\"title\":1e999999}",
                "{\"title\":-123456789012345678901234567890123456789}", "{\"title\":\"a\\u0000b\"}",
                "{\"\\u0000\":1}", "{\"title\":\"\\ud800\"}", "{\"a\":1,\"a\":2}", "{\"title\":\"x\"} trailing")) {
            bodies.add(utf8(s));
        }
        bodies.add(utf8("[".repeat(10_000) + "]".repeat(10_000)));
        bodies.add(utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        bodies.add(utf8("{\"title\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"));
        bodies.add(new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', 0, 0, '"', '}'});
        bodies.add(new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, '"', '}'});
        bodies.add(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'});
        bodies.add(randomBytes(random, 2048));

        // Record writes go to demo4/demo5 (an object body may legitimately store a record there), and
        // to demo1 only as a guest (superusers only), since demo1 is compared at the end.
        List<String[]> routes = List.of(
                new String[] {"POST", "/api/collections/demo1/records"},
                new String[] {"PATCH", "/api/collections/demo1/records/84nmscqy84lsi1t"},
                new String[] {"POST", "/api/collections/demo4/records"},
                new String[] {"PATCH", "/api/collections/demo5/records/la4y2w4o98acwuj"},
                new String[] {"POST", "/api/collections"},
                new String[] {"PATCH", "/api/collections/demo2"},
                new String[] {"PUT", "/api/collections/import"},
                new String[] {"POST", "/api/collections/users/auth-with-password"},
                new String[] {"POST", "/api/collections/_superusers/auth-with-password"},
                new String[] {"POST", "/api/collections/users/auth-refresh"});
        for (String[] route : routes) {
            for (byte[] body : bodies) {
                for (String token : new String[] {SUPERUSER, null}) {
                    if (token != null && route[1].contains("demo1")) {
                        continue;
                    }
                    check(route[0], route[1], token, "application/json", BodyPublishers.ofByteArray(body));
                }
            }
        }
    }

    /** Every field of demo1, demo4 and demo5 given values of every wrong type. */
    static void wrongFieldTypes() throws Exception {
        List<String> values = List.of("{}", "[]", "[[]]", "[{}]", "[null]", "null", "true", "false", "0", "-1",
                "1.5", "1e308", "-1e308", "1e999", "123456789012345678901234567890", "\"\"", "\"x\"",
                "\"" + "a".repeat(100_000) + "\"", "{\"lon\":\"x\",\"lat\":[]}", "{\"lon\":1e999,\"lat\":-1e999}",
                "[\"84nmscqy84lsi1t\",\"84nmscqy84lsi1t\",{}]", "[1,2,3,4,5,6,7,8,9,10]", "\"2024-13-45 99:99:99\"",
                "\"\\u0000\"", "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}");
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("demo1", List.of("id", "text", "bool", "url", "select_one", "select_many", "file_one", "file_many",
                "number", "email", "datetime", "json", "rel_one", "rel_many", "point", "created", "updated",
                "select_many+", "+select_many", "select_many-", "rel_many+", "rel_many-", "file_many-", "number+",
                "number-", "collectionId", "expand"));
        fields.put("demo4", List.of("rel_one_no_cascade", "rel_one_no_cascade_required", "rel_many_cascade",
                "rel_one_unique", "rel_many_unique", "self_rel_one", "self_rel_many", "json_array", "json_object"));
        fields.put("demo5", List.of("select_one", "select_many", "rel_one", "rel_many", "total", "file", "total+"));
        for (var entry : fields.entrySet()) {
            String c = entry.getKey();
            for (String field : entry.getValue()) {
                for (String value : values) {
                    String body = "{\"" + field + "\":" + value + companion(c, field) + "}";
                    if (c.equals("demo1")) {
                        // demo1 is compared at the end: its writes carry an invalid companion value
                        check("POST", "/api/collections/demo1/records", SUPERUSER, "application/json",
                                BodyPublishers.ofString(body));
                        check("PATCH", "/api/collections/demo1/records/al1h9ijdeojtsjy", SUPERUSER,
                                "application/json", BodyPublishers.ofString(body));
                    } else {
                        check("POST", "/api/collections/" + c + "/records", SUPERUSER, "application/json",
                                BodyPublishers.ofString(body));
                        check("PATCH", "/api/collections/" + c + "/records/" + firstId(c), SUPERUSER,
                                "application/json", BodyPublishers.ofString(body));
                    }
                    if (!c.equals("demo1")) {
                        check("POST", "/api/collections/" + c + "/records", null, "application/json",
                                BodyPublishers.ofString(body));
                    }
                }
            }
        }
        // Collection payloads with wrong types in each key (never valid, so nothing is created).
        for (String key : List.of("name", "type", "fields", "indexes", "listRule", "viewQuery", "system", "id",
                "passwordAuth", "authToken", "options")) {
            for (String value : List.of("{}", "[]", "[null]", "1e999", "true", "[{\"type\":{}}]",
                    "[{\"name\":\"\",\"type\":\"nope\"}]", "\"" + "(".repeat(5_000) + "\"")) {
                String body = "{\"" + key + "\":" + value + (key.equals("name") ? "" : ",\"name\":{}") + "}";
                check("POST", "/api/collections", SUPERUSER, "application/json", BodyPublishers.ofString(body));
                check("PATCH", "/api/collections/demo3", SUPERUSER, "application/json", BodyPublishers.ofString(body));
                check("PUT", "/api/collections/import", SUPERUSER, "application/json",
                        BodyPublishers.ofString("{\"deleteMissing\":true,\"collections\":[" + body + "]}"));
            }
        }
        for (String body : List.of("{\"collections\":{}}", "{\"collections\":[1,2]}", "{\"collections\":[[]]}",
                "{\"collections\":\"x\",\"deleteMissing\":\"yes\"}", "{\"collections\":[null],\"deleteMissing\":true}",
                "{\"collections\":[{}],\"deleteMissing\":true}")) {
            check("PUT", "/api/collections/import", SUPERUSER, "application/json", BodyPublishers.ofString(body));
        }
        for (String[] login : List.of(new String[] {"{\"identity\":{},\"password\":[]}"},
                new String[] {"{\"identity\":\"test@example.com\",\"password\":1234567890}"},
                new String[] {"{\"identity\":\"" + "a".repeat(100_000) + "\",\"password\":\"x\"}"},
                new String[] {"{\"identity\":\"test@example.com\",\"password\":\"x\",\"identityField\":\"id) OR (1=1\"}"},
                new String[] {"{\"identity\":\"') OR 1=1 --\",\"password\":\"1234567890\",\"identityField\":\"email\"}"})) {
            for (String c : List.of("users", "_superusers", "clients", "demo1", "nope", "..%2F..%2Fetc")) {
                check("POST", "/api/collections/" + c + "/auth-with-password", null, "application/json",
                        BodyPublishers.ofString(login[0]));
            }
        }
    }

    /** A second value that always fails validation, so that a demo1 write is never stored. */
    static String companion(String collection, String field) {
        if (!collection.equals("demo1")) {
            return "";
        }
        return field.startsWith("select_one") ? ",\"email\":\"not an email\"" : ",\"select_one\":\"no-such-option\"";
    }

    static String firstId(String collection) {
        return switch (collection) {
            case "demo4" -> "qzaqccwrmva4o1n";
            case "demo5" -> "la4y2w4o98acwuj";
            default -> "84nmscqy84lsi1t";
        };
    }

    /** Path traversal, oversized, unicode and otherwise odd ids and collection names. */
    static void badIds() throws Exception {
        List<String> ids = List.of("..%2F..%2Fetc%2Fpasswd", "..", "%2e%2e", "a".repeat(1024), "%C3%BC%C3%B1%C3%AF%F0%9F%98%80",
                "%00", "a%00b", "%FF%FE", "'%3B%20DROP%20TABLE%20demo1%3B--", "%22", "*", "%25", "id%20with%20spaces",
                "%E2%80%AE", "x".repeat(15) + "%0A");
        for (String id : ids) {
            for (String token : new String[] {SUPERUSER, null, USER}) {
                for (String c : List.of("demo1", "demo2", "users", "view1", "numeric_id_view")) {
                    check("GET", "/api/collections/" + c + "/records/" + id, token, null, BodyPublishers.noBody());
                    check("PATCH", "/api/collections/" + c + "/records/" + id, token, "application/json",
                            BodyPublishers.ofString("{\"title\":\"xx\"}"));
                    check("DELETE", "/api/collections/" + c + "/records/" + id, token, null, BodyPublishers.noBody());
                }
                check("GET", "/api/collections/" + id + "/records", token, null, BodyPublishers.noBody());
                check("GET", "/api/collections/" + id, token, null, BodyPublishers.noBody());
                check("DELETE", "/api/collections/" + id, token, null, BodyPublishers.noBody());
                check("DELETE", "/api/collections/" + id + "/truncate", token, null, BodyPublishers.noBody());
                check("POST", "/api/collections/" + id + "/auth-refresh", token, null, BodyPublishers.noBody());
                check("POST", "/api/collections/" + id + "/records", token, "application/json",
                        BodyPublishers.ofString("{}"));
            }
        }
    }

    /** page, perPage, sort, filter, expand, fields and skipTotal with garbage. */
    static void badQueryParams(Random random) throws Exception {
        List<String> raw = List.of("", "-1", "0", "abc", "1e9", "99999999999999999999", "\u0000", "(".repeat(10_000),
                ")".repeat(100), "'", "\"", "\\", "@request.auth.id", "@collection.x.y", "id=", "id = ", "title ~ '%'",
                "a.b.c.d.e.f.g.h.i.j", "*:excerpt(-1)", "*:excerpt(99999999999)", "text:excerpt(1,maybe)",
                "id = 'x' && ".repeat(500) + "true", "geoDistance(1,2)", "strftime('%Y') = 1", "title:lower = 1",
                "rel_many.rel_many.rel_many.rel_many.rel_many.rel_many.rel_many.id", "\u202e\ud83d\ude00",
                "-", "+", ",,,", "@random", "title:length > 1", "1 ?= 1", "[1,2]", "{}", "`");
        List<String> garbage = new ArrayList<>();
        for (String v : raw) {
            garbage.add(encode(v));
        }
        for (int i = 0; i < 4; i++) {
            garbage.add(percentEncode(randomBytes(random, 64))); // mostly invalid UTF-8
        }
        List<String> params = List.of("page", "perPage", "sort", "filter", "expand", "fields", "skipTotal");
        for (String param : params) {
            for (String value : garbage) {
                for (String token : new String[] {SUPERUSER, null}) {
                    for (String c : List.of("demo1", "view1")) {
                        check("GET", "/api/collections/" + c + "/records?" + param + "=" + value, token, null,
                                BodyPublishers.noBody());
                    }
                    check("GET", "/api/collections/demo1/records/84nmscqy84lsi1t?" + param + "=" + value, token, null,
                            BodyPublishers.noBody());
                    check("GET", "/api/collections?" + param + "=" + value, token, null, BodyPublishers.noBody());
                }
                if (param.equals("expand") || param.equals("fields")) {
                    // test4 has the fixture's one cheap (cost 10) bcrypt hash
                    check("POST", "/api/collections/_superusers/auth-with-password?" + param + "=" + value, null,
                            "application/json", BodyPublishers.ofString(
                                    "{\"identity\":\"test4@example.com\",\"password\":\"1234567890\"}"));
                    check("POST", "/api/collections/_superusers/auth-refresh?" + param + "=" + value, SUPERUSER, null,
                            BodyPublishers.noBody());
                    check("POST", "/api/collections/users/auth-refresh?" + param + "=" + value, USER, null,
                            BodyPublishers.noBody());
                }
                check("GET", "/api/health?" + param + "=" + value, null, null, BodyPublishers.noBody());
                check("GET", "/api/collections/meta/scaffolds?" + param + "=" + value, SUPERUSER, null,
                        BodyPublishers.noBody());
            }
        }
        // A 1 MB filter is still answered (as a bad request or a result, but not a crash).
        String huge = "id%20%3D%20'" + "a".repeat(1_000_000) + "'";
        check("GET", "/api/collections/demo2/records?filter=" + huge, null, null, BodyPublishers.noBody());
        check("GET", "/api/collections/demo2/records?filter=" + "(".repeat(10_000) + "1=1" + ")".repeat(10_000), null,
                null, BodyPublishers.noBody());
    }

    /** Write routes with the wrong content type, malformed forms and multipart garbage. */
    static void badContentTypes(Random random) throws Exception {
        byte[] noise = randomBytes(random, 4096);
        List<String[]> cases = List.of(
                new String[] {"text/plain", "{\"title\":\"xx\"}"},
                new String[] {"application/xml", "<title>xx</title>"},
                new String[] {"application/json; charset=latin1", "{\"title\":\"xx\"}"},
                new String[] {"application/x-www-form-urlencoded", "title=%zz&%%%=1&&=&a"},
                new String[] {"application/x-www-form-urlencoded", "title=" + "x".repeat(70_000)},
                new String[] {"multipart/form-data", "--x\r\n\r\n"},
                new String[] {"multipart/form-data; boundary=", "--\r\n"},
                new String[] {"multipart/form-data; boundary=b", "garbage without parts"},
                new String[] {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"@jsonPayload\"\r\n\r\n{bad\r\n--b--\r\n"},
                new String[] {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"@jsonPayload\"\r\n\r\n[1,2]\r\n--b--\r\n"},
                new String[] {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--b--\r\n"},
                new String[] {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file_many\"; filename=\"../../x.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n"},
                new String[] {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nunterminated"},
                new String[] {"image/png", "\u0089PNG"},
                new String[] {"", "{\"title\":\"xx\"}"},
                // malformed types (issue 14 item 10; these were 500s)
                new String[] {";", "{\"title\":\"xx\"}"},
                new String[] {"/", "{\"title\":\"xx\"}"},
                new String[] {"application", "{\"title\":\"xx\"}"},
                new String[] {"application/json; charset", "{\"title\":\"xx\"}"},
                new String[] {"multipart/form-data; boundary", "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nxx\r\n--b--\r\n"});
        // An unreadable body may count as an empty one (a record without required fields is then
        // stored), so superuser record writes go to demo4/demo5, and demo1 gets them as a guest.
        List<String[]> routes = List.of(
                new String[] {"POST", "/api/collections/demo1/records"},
                new String[] {"POST", "/api/collections/demo4/records"},
                new String[] {"PATCH", "/api/collections/demo5/records/la4y2w4o98acwuj"},
                new String[] {"POST", "/api/collections"},
                new String[] {"PUT", "/api/collections/import"},
                new String[] {"POST", "/api/collections/_superusers/auth-with-password"});
        for (String[] route : routes) {
            String token = route[1].contains("demo1") ? null : SUPERUSER;
            for (String[] c : cases) {
                check(route[0], route[1], token, c[0], BodyPublishers.ofString(c[1]));
            }
            check(route[0], route[1], token, "multipart/form-data; boundary=b", BodyPublishers.ofByteArray(noise));
            check(route[0], route[1], token, "application/x-www-form-urlencoded", BodyPublishers.ofByteArray(noise));
        }
    }

    /** Authorization headers that must leave the request a guest's (or be refused), never crash. */
    static void badAuthorization() throws Exception {
        String[] parts = SUPERUSER.split("\\.");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String noneSigned = b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2];
        String hs512 = b64("{\"alg\":\"HS512\"}") + "." + parts[1] + "." + parts[2];
        String tampered = parts[0] + "." + b64("{\"id\":\"sywbhecnh46rhm0\",\"type\":\"auth\",\"collectionId\":\"pbc_3142635823\",\"exp\":2524604461,\"refreshable\":true,\"x\":1}") + "." + parts[2];
        String weirdClaims = b64("{\"alg\":\"HS256\"}") + "." + b64("{\"id\":[],\"type\":{},\"collectionId\":1,\"exp\":\"soon\"}") + "." + parts[2];
        List<String> headers = List.of("", " ", "Bearer", "Bearer ", "Bearer garbage", "Basic dXNlcjpwYXNz", "garbage",
                "a.b.c", "..", "...", "%%%.%%%.%%%", none, noneSigned, hs512, tampered, weirdClaims, expiredSuperuser,
                "Bearer " + expiredSuperuser, "x".repeat(6_000), SUPERUSER + "x", SUPERUSER.substring(0, 40),
                b64("{\"alg\":\"HS256\"}") + "." + b64("[1,2,3]") + "." + parts[2],
                b64("null") + "." + b64("null") + "." + parts[2]);
        for (String header : headers) {
            check("GET", "/api/collections/demo1/records", header, null, BodyPublishers.noBody());
            check("GET", "/api/collections/demo2/records", header, null, BodyPublishers.noBody());
            check("GET", "/api/collections/demo1/records/84nmscqy84lsi1t", header, null, BodyPublishers.noBody());
            check("POST", "/api/collections/demo1/records", header, "application/json", BodyPublishers.ofString("{}"));
            check("DELETE", "/api/collections/demo1/records/imy661ixudk5izi", header, null, BodyPublishers.noBody());
            check("GET", "/api/collections", header, null, BodyPublishers.noBody());
            check("DELETE", "/api/collections/demo2/truncate", header, null, BodyPublishers.noBody());
            check("PUT", "/api/collections/import", header, "application/json",
                    BodyPublishers.ofString("{\"collections\":[],\"deleteMissing\":true}"));
            check("GET", "/api/collections/meta/scaffolds", header, null, BodyPublishers.noBody());
            check("POST", "/api/collections/_superusers/auth-refresh", header, null, BodyPublishers.noBody());
            check("POST", "/api/collections/users/auth-refresh", header, null, BodyPublishers.noBody());
            check("GET", "/api/health", header, null, BodyPublishers.noBody());
        }
        // The alg-none token with the superuser's claims must not pass as the superuser.
        HttpResponse<String> r = send("GET", "/api/collections/demo1/records", none, null, BodyPublishers.noBody());
        assertEquals(403, r.statusCode(), r.body());
        HttpResponse<String> expired = send("GET", "/api/collections/demo1/records", expiredSuperuser, null,
                BodyPublishers.noBody());
        assertEquals(403, expired.statusCode(), expired.body());
    }

    /** Unknown API paths and methods. */
    static void unknownRoutes() throws Exception {
        List<String[]> routes = List.of(new String[] {"GET", "/api/"}, new String[] {"GET", "/api/nope"},
                new String[] {"POST", "/api/nope"}, new String[] {"GET", "/api/collections/demo1/records/x/y/z"},
                new String[] {"PUT", "/api/collections/demo1/records"}, new String[] {"PUT", "/api/collections/demo1/records/x"},
                new String[] {"GET", "/api/%FF"}, new String[] {"GET", "/api/collections/demo1/nope"},
                new String[] {"PATCH", "/api/health"}, new String[] {"DELETE", "/api/collections/meta/scaffolds"},
                new String[] {"GET", "/api/collections/import"}, new String[] {"POST", "/api/collections/demo1/truncate"},
                new String[] {"GET", "/api/" + "a/".repeat(500)}, new String[] {"OPTIONS", "/api/nope"},
                new String[] {"GET", "/api/collections/demo1/records/%2F"});
        for (String[] route : routes) {
            for (String token : new String[] {SUPERUSER, null}) {
                check(route[0], route[1], token, "application/json", BodyPublishers.ofString("{}"));
            }
        }
    }

    /** Bodies above the 32 MiB default limit, streamed, on the JSON and multipart write routes. */
    static void oversizedBodies() throws Exception {
        long size = 33L * 1024 * 1024;
        check("POST", "/api/collections/demo2/records", SUPERUSER, "application/json", streamed("{\"title\":\"", size));
        check("POST", "/api/collections/demo1/records", SUPERUSER, "multipart/form-data; boundary=b",
                streamed("--b\r\nContent-Disposition: form-data; name=\"file_many\"; filename=\"big.txt\"\r\n\r\n", size));
        check("PUT", "/api/collections/import", SUPERUSER, "application/json", streamed("{\"collections\":[\"", size));
        check("POST", "/api/collections/_superusers/auth-with-password", null, "application/json",
                streamed("{\"identity\":\"", size));
    }

    /** Malformed HTTP/1.1 that the server refuses before routing: still answered with the JSON envelope. */
    static void rawHttp() throws Exception {
        List<String> requests = List.of(
                "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nno colon here\r\n\r\n",
                "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " + "b".repeat(1_200_000) + "\r\n\r\n",
                "POST /api/collections/demo2/records HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: -5\r\n\r\n",
                "POST /api/collections/demo2/records HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: abc\r\n\r\n",
                "POST /api/collections/demo2/records HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        for (String request : requests) {
            sent++;
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                String raw = readResponse(socket.getInputStream());
                String what = "raw " + abbreviate(request.replace("\r\n", "⏎"));
                if (!raw.startsWith("HTTP/1.1 4")) {
                    failures.add(what + " -> " + abbreviate(raw));
                    continue;
                }
                int body = raw.indexOf("\r\n\r\n");
                String status = raw.substring(9, 12);
                String json = body < 0 ? "" : raw.substring(body + 4);
                HttpResponse<String> fake = new RawResponse(Integer.parseInt(status), json);
                String problem = problem("GET", fake);
                if (problem != null) {
                    failures.add(what + " -> " + status + " " + problem + ": " + abbreviate(raw));
                }
            } catch (IOException e) {
                failures.add("raw " + abbreviate(request) + " -> " + e);
            }
        }
    }

    /** Just enough of a response for {@link #problem}. */
    record RawResponse(int statusCode, String body) implements HttpResponse<String> {
        @Override
        public HttpRequest request() {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return URI.create(server.baseUrl());
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------

    /** Sends one request and records a failure unless the answer is a non-5xx, PocketBase-shaped one. */
    static void check(String method, String path, String token, String contentType, BodyPublisher body)
            throws InterruptedException {
        sent++;
        String what = method + " " + abbreviate(path) + (token == null ? " (guest)" : " auth=" + abbreviate(token))
                + (contentType == null ? "" : " [" + contentType + "]");
        HttpResponse<String> r;
        try {
            r = send(method, path, token, contentType, body);
        } catch (IOException e) {
            failures.add(what + " -> " + e);
            return;
        }
        String problem = problem(method, r);
        if (problem != null) {
            failures.add(what + " -> " + r.statusCode() + " " + problem + ": " + abbreviate(r.body()));
        }
    }

    static String problem(String method, HttpResponse<String> r) {
        int status = r.statusCode();
        if (status >= 500) {
            return "server error";
        }
        if (status < 300 || method.equals("OPTIONS")) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(r.body());
        } catch (IOException e) {
            return "not JSON";
        }
        if (node == null || !node.isObject()) {
            return "not an object";
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        if (!keys.equals(Set.of("data", "message", "status"))) {
            return "keys " + keys;
        }
        if (!node.get("status").isInt() || node.get("status").asInt() != status || !node.get("message").isTextual()
                || !node.get("data").isObject()) {
            return "envelope values";
        }
        return null;
    }

    static HttpResponse<String> send(String method, String path, String token, String contentType, BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).method(method, body);
        if (token != null && !token.isEmpty() && !token.isBlank()) {
            b.header("Authorization", token);
        }
        if (contentType != null && !contentType.isEmpty()) {
            b.header("Content-Type", contentType);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The lists compared before and after: records of demo1/demo2/demo3/users/_superusers and the collections. */
    static Map<String, String> snapshot() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : List.of("/api/collections/demo1/records?perPage=500&sort=id",
                "/api/collections/demo2/records?perPage=500&sort=id", "/api/collections/demo3/records?perPage=500&sort=id",
                "/api/collections/users/records?perPage=500&sort=id",
                "/api/collections/_superusers/records?perPage=500&sort=id", "/api/collections?perPage=500&sort=id")) {
            HttpResponse<String> r = send("GET", path, SUPERUSER, null, BodyPublishers.noBody());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            // A PATCH with an empty-but-valid object legitimately saves a collection again (as upstream,
            // which refreshes "updated"): schemas and rules must stay, the timestamp may move.
            out.put(path, path.startsWith("/api/collections?")
                    ? r.body().replaceAll("\"updated\":\"[^\"]*\"", "\"updated\":\"…\"") : r.body());
        }
        return out;
    }

    /** A superuser auth token, correctly signed, that expired in 2021. */
    static String expiredSuperuserToken(Path dir) throws Exception {
        return LocketProcess.fixtureSuperuserToken(dir, "authToken", "{\"id\":\"sywbhecnh46rhm0\",\"type\":\"auth\","
                + "\"collectionId\":\"pbc_3142635823\",\"exp\":1640991661,\"refreshable\":true}");
    }

    /** A body of exactly {@code size} bytes: the prefix, then 'a's, produced as it is sent. */
    static BodyPublisher streamed(String prefix, long size) {
        byte[] head = utf8(prefix);
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> new InputStream() {
            long pos;

            @Override
            public int read() {
                if (pos >= size) {
                    return -1;
                }
                int b = pos < head.length ? head[(int) pos] : 'a';
                pos++;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n; i++) {
                    b[off + i] = pos < head.length ? head[(int) pos] : (byte) 'a';
                    pos++;
                }
                return n;
            }
        }), size);
    }

    static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static String percentEncode(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : bytes) {
            out.writeBytes(String.format("%%%02X", b & 0xff).getBytes(StandardCharsets.US_ASCII));
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(json));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "…(" + s.length() + ")";
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Reads one HTTP/1.1 response (headers plus Content-Length bytes): the server may keep the connection open. */
    static String readResponse(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int length = -1;
        int headerEnd = -1;
        while (headerEnd < 0 || out.size() < headerEnd + length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
            if (headerEnd < 0 && out.size() >= 4 && out.toString(java.nio.charset.StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                headerEnd = out.size();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                        .matcher(out.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
                length = m.find() ? Integer.parseInt(m.group(1)) : 0;
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
