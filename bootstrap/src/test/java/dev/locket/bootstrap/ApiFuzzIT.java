package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 14's fuzz suite: jqwik properties over query strings (filter, sort, fields, expand), JSON and
 * multipart bodies, headers and paths, sent to the packaged jar. Whatever arrives, the answer is never a
 * 5xx, an error is always PocketBase's {@code {status, message, data}} object, and the stored data the
 * requests must not touch is unchanged at the end. Tries per property come from {@code fuzz.tries} (the
 * pom: 2,000 each, 8,000 in all; {@code -Dfuzz=long}: 10^6 in all).
 */
class ApiFuzzIT {
    static final String SUPERUSER = CliIT.SUPERUSER_TOKEN;
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> READS = List.of("/api/collections/demo1/records", "/api/collections/demo2/records",
            "/api/collections/users/records", "/api/collections/demo4/records", "/api/collections/view1/records");
    /** Collections guests may not write (locked or auth-only rules): the fuzzed writes must leave them alone. */
    static final List<String> WRITES = List.of("/api/collections/demo1/records", "/api/collections/demo3/records",
            "/api/collections/demo1/records/84nmscqy84lsi1t", "/api/collections/demo3/records/1tmknxy2868d869",
            "/api/collections/users/records/4q1xlclmfloku33");
    static final List<String> SNAPSHOT = List.of("/api/collections/demo1/records?perPage=500&sort=id",
            "/api/collections/demo3/records?perPage=500&sort=id", "/api/collections/users/records?perPage=500&sort=id",
            "/api/collections/_superusers/records?perPage=500&sort=id");

    static Path tmp;
    static LocketProcess server;
    static HttpClient client;
    static Map<String, String> before;
    static long started;
    static int sent;

    @BeforeContainer
    static void start() throws Exception {
        tmp = Files.createTempDirectory("locket-fuzz");
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        server = LocketProcess.serve(dir);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        before = snapshot();
        started = System.nanoTime();
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            assertEquals(before, snapshot(), "fuzzed requests changed stored data");
            String log = server.output();
            assertTrue(log.lines().noneMatch(l -> l.contains("\tat dev.locket.")), "stack trace in the log:\n" + log);
            System.out.printf("ApiFuzzIT: %d requests in %d ms (%s tries per property)%n", sent,
                    (System.nanoTime() - started) / 1_000_000, System.getProperty("fuzz.tries", "default"));
        } finally {
            server.close();
        }
    }

    // ---- properties ----------------------------------------------------------------------------

    @Property
    void queryParametersNeverBreakTheServer(@ForAll("paths") String path, @ForAll("queryKeys") String key,
                                            @ForAll("ruleText") String value, @ForAll boolean superuser)
            throws Exception {
        String url = READS.get(Math.floorMod(path.hashCode(), READS.size())) + "?" + key + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8);
        expectSane(send("GET", url, superuser ? SUPERUSER : null, null, null));
    }

    @Property
    void jsonBodiesNeverBreakTheServer(@ForAll("writeTargets") String target, @ForAll("json") String body)
            throws Exception {
        String method = target.matches(".*/records/[a-z0-9]+$") ? "PATCH" : "POST";
        expectSane(send(method, target, null, "application/json", body.getBytes(StandardCharsets.UTF_8)));
    }

    @Property
    void multipartBodiesNeverBreakTheServer(@ForAll("writeTargets") String target, @ForAll("ruleText") String name,
                                            @ForAll("ruleText") String value, @ForAll("ruleText") String filename,
                                            @ForAll boolean closeProperly) throws Exception {
        String boundary = "fuzz" + Integer.toHexString(name.hashCode());
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename.isEmpty() ? "" : "; filename=\"" + filename + "\"") + "\r\n\r\n" + value + "\r\n"
                + (closeProperly ? "--" + boundary + "--\r\n" : "");
        String method = target.matches(".*/records/[a-z0-9]+$") ? "PATCH" : "POST";
        expectSane(send(method, target, null, "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    @Property
    void headersAndPathsNeverBreakTheServer(@ForAll("rawPaths") String path, @ForAll("ruleText") String auth,
                                            @ForAll("contentTypes") String contentType) throws Exception {
        expectSane(send("GET", path, auth.isBlank() ? null : auth, contentType, null));
    }

    // ---- generators ----------------------------------------------------------------------------

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().alpha().ofMaxLength(4);
    }

    @Provide
    Arbitrary<String> queryKeys() {
        return Arbitraries.of("filter", "sort", "fields", "expand", "page", "perPage", "skipTotal");
    }

    /** Text built from the rule language's own tokens, plus arbitrary characters, so parsers go deep. */
    @Provide
    Arbitrary<String> ruleText() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("id", "title", "email", "created", "rel_one", "rel_many", "@request.auth.id",
                        "@request.body.x", "@collection.demo2.title", "users_via_rel", ":lower", ":length", ":each",
                        "=", "!=", "~", "!~", "?=", "?~", ">", "<=", "&&", "||", "(", ")", "'", "\"", ",", "-", "+",
                        ".", "*", "null", "true", "@now", "@todayStart", "strftime(", "geoDistance(", "\\", "%",
                        "\u0000", "é", "😀", " ", "1e309", "-0", "9999999999999999999"),
                Arbitraries.strings().ofMaxLength(6));
        return token.list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> writeTargets() {
        return Arbitraries.of(WRITES);
    }

    @Provide
    Arbitrary<String> json() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(ruleText().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null));
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("title", "id", "rel_one", "rel_many+",
                "+rel_many", "email", "password", "passwordConfirm", "verified", "tokenKey", "expand",
                "files", "text:autogenerate", "number+", "select-"), ruleText());
        Arbitrary<Object> value = Arbitraries.oneOf(leaf, leaf.list().ofMaxSize(3).map(l -> (Object) l));
        Arbitrary<String> object = Arbitraries.maps(keys, value).ofMaxSize(6).map(m -> {
            try {
                return JSON.writeValueAsString(m);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        // broken JSON too: a valid object cut short, or plain text
        return Arbitraries.oneOf(object, object.map(s -> s.substring(0, s.length() / 2)), ruleText());
    }

    @Provide
    Arbitrary<String> rawPaths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("api", "collections", "users", "demo1", "records", "auth-with-password", "files",
                        "realtime", "batch", "backups", "settings", "health", "..", ".", "", "%2e%2e", "%2F", "%00",
                        "%61pi", "_pb_users_auth_", "84nmscqy84lsi1t", ";x", "%ZZ", "a?b=c", "#"),
                Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', '~').ofMaxLength(5));
        return segment.list().ofMinSize(1).ofMaxSize(7).map(parts -> "/" + String.join("/", parts));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("", "application/json", "text/plain", "multipart/form-data", "application/json; charset=x",
                "application/x-www-form-urlencoded", "*/*", "multipart/form-data; boundary=\"\"");
    }

    // ---- checks --------------------------------------------------------------------------------

    record Answer(String what, int status, String body) {
    }

    static Answer send(String method, String path, String token, String contentType, byte[] body)
            throws InterruptedException {
        sent++;
        String what = method + " " + path;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (token != null) {
                b.header("Authorization", token);
            }
            if (contentType != null && !contentType.isEmpty()) {
                b.header("Content-Type", contentType);
            }
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(what, r.statusCode(), r.body());
        } catch (IllegalArgumentException notSendable) {
            return new Answer(what, 400, "{\"status\":400,\"message\":\"\",\"data\":{}}"); // the client refuses it
        } catch (IOException e) {
            throw new AssertionError(what + " failed: " + e, e);
        }
    }

    static void expectSane(Answer a) throws IOException {
        assertTrue(a.status() < 500, a.what() + " -> " + a.status() + " " + a.body());
        if (a.status() >= 400 && a.status() != 404 || a.status() == 404 && a.body().startsWith("{")) {
            JsonNode node = JSON.readTree(a.body());
            assertTrue(node.isObject() && node.path("status").asInt() == a.status() && node.has("message")
                    && node.path("data").isObject(), a.what() + " -> not the error shape: " + a.body());
        }
    }

    static Map<String, String> snapshot() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : SNAPSHOT) {
            Answer a = send("GET", path, SUPERUSER, null, null);
            assertEquals(200, a.status(), path + ": " + a.body());
            out.put(path, a.body());
        }
        return out;
    }
}
