package dev.locket.bootstrap;

import static dev.locket.adapters.http.route.Middlewares.bodyLimit;
import static dev.locket.adapters.http.route.Middlewares.gzip;
import static dev.locket.adapters.http.route.Middlewares.requireAuth;
import static dev.locket.adapters.http.route.Middlewares.requireGuestOnly;
import static dev.locket.adapters.http.route.Middlewares.requireSameCollectionContextAuth;
import static dev.locket.adapters.http.route.Middlewares.requireSuperuserAuth;
import static dev.locket.adapters.http.route.Middlewares.requireSuperuserOrOwnerAuth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.Locket;
import dev.locket.adapters.http.route.Middleware;
import dev.locket.adapters.http.route.Middlewares;
import dev.locket.adapters.http.route.RouterGroup;
import dev.locket.adapters.http.route.UploadedFile;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Custom routes as upstream's router serves them (tools/router, apis/middlewares*_test.go): one embedded
 * Locket over a copy of the fixture, routes registered in the serve hook, real HTTP.
 */
class CustomRoutesIT {
    static final String SUPERUSER = CliIT.SUPERUSER_TOKEN;
    /** upstream's test token of users/4q1xlclmfloku33 */
    static final String USER = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";
    static final String USER_ID = "4q1xlclmfloku33";
    static final String GENERIC_500 =
            "{\"data\":{},\"message\":\"Something went wrong while processing your request.\",\"status\":500}";

    /** A body a route binds to. */
    public record Todo(String title, int priority, List<String> tags, boolean done) {
    }

    static final CompletableFuture<String> afterNext = new CompletableFuture<>();
    static final java.util.Queue<String> afterApi = new java.util.concurrent.ConcurrentLinkedQueue<>();
    static Locket app;
    static CompletableFuture<Integer> exit;
    static Path dir;
    static String base;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("custom-routes").resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        app = Locket.create();
        app.onServe().bind(se -> {
            var r = se.router();
            r.get("/hello/{name}", e -> e.string(200, "Hello " + e.pathValue("name")));
            r.get("/files/{path...}", e -> e.string(200, "path=" + e.pathValue("path")));
            r.get("/exact/{$}", e -> e.string(200, "exact"));
            r.get("/api/{rest...}", e -> e.string(200, "custom catch-all " + e.pathValue("rest")));
            r.post("/methods", e -> e.string(200, "post"));
            r.any("/methods", e -> e.string(200, "any " + e.method()));

            RouterGroup group = r.group("/api/myapp").bindFunc(e -> {
                e.setHeader("X-Group", "myapp");
                e.next();
            });
            group.get("/ping", e -> e.json(200, Map.of("pong", true)));
            group.group("/admin").bind(requireSuperuserAuth()).get("/stats", e -> e.json(200, Map.of("ok", 1)));
            r.get("/outside", e -> e.string(200, "outside"));

            r.get("/auth/any", e -> e.json(200, Map.of("id", e.auth().orElseThrow().id(),
                    "collection", e.auth().orElseThrow().collection().name()))).bind(requireAuth());
            r.get("/auth/listed", e -> e.string(200, "ok")).bind(requireAuth("users", "demo1"));
            r.get("/auth/superuser", e -> e.string(200, "ok")).bind(requireSuperuserAuth());
            r.get("/auth/owner/{id}", e -> e.string(200, "ok")).bind(requireSuperuserOrOwnerAuth(""));
            r.get("/auth/guest", e -> e.string(200, "guest")).bind(requireGuestOnly());
            r.get("/info", e -> {
                var info = e.requestInfo();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("method", info.method());
                out.put("query", info.query());
                out.put("header", info.headers().get("x_custom"));
                out.put("auth", info.auth().map(a -> a.id()).orElse(""));
                out.put("superuser", e.hasSuperuserAuth());
                e.json(200, out);
            });

            r.post("/limited", e -> e.string(200, "read " + e.body().size())).bind(bodyLimit(10));
            r.get("/zipped", e -> e.string(200, "x".repeat(2000))).bind(gzip());

            // a router-wide middleware wraps the API's routes too (upstream's e.Router.BindFunc)
            r.bindFunc(e -> {
                if (e.request().headers().contains(io.helidon.http.HeaderNames.create("X-Veto"))) {
                    throw e.forbiddenError("vetoed " + e.pathValue("collection") + " for "
                            + e.auth().map(a -> a.id()).orElse("guest"), null);
                }
                if (e.request().headers().contains(io.helidon.http.HeaderNames.create("X-Drop-Auth"))) {
                    e.setAuth(null); // the API then serves a guest, as upstream's handlers read e.Auth
                }
                e.setHeader("X-Global", "seen");
                e.next();
                afterApi.add(e.method() + " " + e.request().path().path());
            });
            r.bind(Middleware.of("tracer", 0, e -> {
                trace(e).add("router");
                e.next();
            }));
            RouterGroup ordered = r.group("/order").bind(Middleware.of("group-late", 10, e -> {
                trace(e).add("group+10");
                e.next();
            }));
            ordered.get("/chain", e -> e.json(200, trace(e))).bind(Middleware.of("", -5, e -> {
                trace(e).add("route-5");
                e.next();
            }), Middleware.of("", 0, e -> {
                trace(e).add("route0");
                e.next();
            }));
            ordered.get("/untraced", e -> e.json(200, trace(e))).unbind("tracer");
            ordered.get("/stopped", e -> e.string(200, "never")).bindFunc(e -> e.string(202, "stopped"));

            r.post("/bind/json", e -> e.json(200, e.bindBody(Todo.class)));
            r.post("/bind/form", e -> {
                Todo todo = e.bindBody(Todo.class);
                List<Map<String, Object>> files = new ArrayList<>();
                for (UploadedFile f : e.findUploadedFiles("document")) {
                    files.add(Map.of("name", f.name(), "size", f.size(), "type", f.contentType(),
                            "text", new String(f.bytes(), StandardCharsets.UTF_8)));
                }
                e.json(200, Map.of("todo", todo, "files", files, "raw", e.body().get("title")));
            });

            r.get("/err/bad", e -> {
                throw e.badRequestError("Invalid title", Map.of("title",
                        FieldError.of("validation_title", "Too short"), "other", "plain value"));
            });
            r.get("/err/notfound", e -> {
                throw e.notFoundError("", null);
            });
            r.get("/err/forbidden", e -> {
                throw e.forbiddenError("no way", null);
            });
            r.get("/err/unauthorized", e -> {
                throw e.unauthorizedError("", null);
            });
            r.get("/err/many", e -> {
                throw e.tooManyRequestsError("", null);
            });
            r.get("/err/internal", e -> {
                throw e.internalServerError("", null);
            });
            r.get("/err/unexpected", e -> {
                throw new IllegalStateException("secret detail 42");
            });
            r.get("/err/checked", e -> {
                throw new IOException("disk detail 43");
            });

            r.get("/respond/html", e -> e.html(201, "<b>hi</b>"));
            r.get("/respond/redirect", e -> e.redirect(302, "/hello/there"));
            r.delete("/respond/nothing", e -> e.noContent(204));
            r.get("/respond/header", e -> {
                e.setHeader("Content-Type", "text/csv");
                e.string(200, "a,b");
            });
            r.get("/respond/file", e -> e.file(dir.resolve("data.db")));

            r.get("/ctx/{collection}/me", e -> e.string(200, e.auth().orElseThrow().id()))
                    .bind(requireSameCollectionContextAuth(""));
            r.get("/ctx2/{c}/me", e -> e.string(200, "ok")).bind(requireSameCollectionContextAuth("c"));

            // Go's precedence over the custom routes and the API's together
            r.get("/api/collections/{c}/{action}", e -> e.string(200, "custom " + e.pathValue("action")));
            r.get("/api/collections/meta/special", e -> e.string(200, "custom special"));

            r.get("/nolog", e -> e.string(200, "unlogged")).unbind(Middlewares.ACTIVITY_LOGGER_ID);
            r.group("/quiet").unbind(Middlewares.ACTIVITY_LOGGER_ID).get("/fail", e -> {
                throw e.badRequestError("quiet failure", null);
            });
            se.next();
            // upstream's order: after next() the routes are built and the server listens
            try {
                afterNext.complete(HTTP.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + se.port() + "/hello/early")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException | InterruptedException failed) {
                afterNext.completeExceptionally(failed);
            }
            // built once: a route added now is not served, as upstream's mux is built at the chain's end
            r.get("/late", e -> e.string(200, "late"));
        });
        exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", dir.toString()));
        base = "http://127.0.0.1:" + app.awaitPort(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        exit.get(30, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    static List<String> trace(dev.locket.adapters.http.route.RequestEvent e) {
        if (e.get("trace") == null) {
            e.set("trace", new ArrayList<String>());
        }
        return (List<String>) e.get("trace");
    }

    static HttpResponse<String> send(String method, String path, String token, Map<String, String> headers,
                                     HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (token != null) {
            b.header("Authorization", token);
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, Map.of(), null);
    }

    static void assertBody(HttpResponse<String> r, int status, String body) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(body, r.body());
    }

    @Test
    void pathValuesWildcardsAndMethods() throws Exception {
        assertBody(get("/hello/w%C3%B6rld", null), 200, "Hello wörld");
        assertBody(get("/files/a/b/c.txt", null), 200, "path=a/b/c.txt");
        assertBody(get("/files/", null), 200, "path=");
        HttpResponse<String> root = get("/files?x=1", null);
        assertEquals(301, root.statusCode(), "Go's mux redirects a subtree's root named without its slash");
        assertEquals("/files/?x=1", root.headers().firstValue("Location").orElse(""));
        assertBody(get("/exact/", null), 200, "exact");
        assertEquals(404, get("/exact/more", null).statusCode());
        assertEquals(404, get("/hello/", null).statusCode(), "{name} never matches an empty segment");
        // a wildcard route comes after the API's: the API keeps its routes, the rest reach the custom one
        assertEquals(200, get("/api/health", null).statusCode());
        assertTrue(get("/api/health", null).body().contains("API is healthy"));
        assertBody(get("/api/nothing/here", null), 200, "custom catch-all nothing/here");
        assertBody(send("POST", "/methods", null, Map.of(), null), 200, "post");
        assertBody(send("PUT", "/methods", null, Map.of(), null), 200, "any PUT");
        assertEquals(200, send("HEAD", "/hello/x", null, Map.of(), null).statusCode(), "GET routes answer HEAD");
    }

    @Test
    void groupsPrefixTheirRoutesAndShareTheirMiddlewares() throws Exception {
        HttpResponse<String> ping = get("/api/myapp/ping", null);
        assertBody(ping, 200, "{\"pong\":true}");
        assertEquals("myapp", ping.headers().firstValue("X-Group").orElse(""));
        assertEquals("application/json", ping.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> outside = get("/outside", null);
        assertBody(outside, 200, "outside");
        assertTrue(outside.headers().firstValue("X-Group").isEmpty());
        assertEquals(401, get("/api/myapp/admin/stats", null).statusCode());
        assertEquals(403, get("/api/myapp/admin/stats", USER).statusCode());
        HttpResponse<String> stats = get("/api/myapp/admin/stats", SUPERUSER);
        assertBody(stats, 200, "{\"ok\":1}");
        assertEquals("myapp", stats.headers().firstValue("X-Group").orElse(""), "nested groups inherit");
    }

    @Test
    void authMiddlewaresAnswerUpstreamsErrors() throws Exception {
        String missing = "{\"data\":{},\"message\":\"The request requires valid record authorization token.\",\"status\":401}";
        String notAllowed = "{\"data\":{},\"message\":\"The authorized record is not allowed to perform this action.\",\"status\":403}";
        assertBody(get("/auth/any", null), 401, missing);
        assertBody(get("/auth/any", "invalid.token.here"), 401, missing);
        HttpResponse<String> user = get("/auth/any", USER);
        assertEquals(200, user.statusCode(), user.body());
        assertEquals(Map.of("id", USER_ID, "collection", "users"), Json.parse(user.body()));
        assertEquals(200, get("/auth/any", "BeArEr " + USER).statusCode());
        assertTrue(get("/auth/any", SUPERUSER).body().contains("\"_superusers\""), "superusers are loaded too");

        assertBody(get("/auth/listed", SUPERUSER), 403, notAllowed);
        assertBody(get("/auth/listed", USER), 200, "ok");

        assertBody(get("/auth/superuser", null), 401, missing);
        assertBody(get("/auth/superuser", USER), 403, notAllowed);
        assertBody(get("/auth/superuser", SUPERUSER), 200, "ok");

        assertBody(get("/auth/owner/" + USER_ID, null), 401,
                "{\"data\":{},\"message\":\"The request requires superuser or record authorization token.\",\"status\":401}");
        assertBody(get("/auth/owner/someoneelse", USER), 403,
                "{\"data\":{},\"message\":\"You are not allowed to perform this request.\",\"status\":403}");
        assertBody(get("/auth/owner/" + USER_ID, USER), 200, "ok");
        assertBody(get("/auth/owner/someoneelse", SUPERUSER), 200, "ok");

        assertBody(get("/auth/guest", USER), 400,
                "{\"data\":{},\"message\":\"The request can be accessed only by guests.\",\"status\":400}");
        assertBody(get("/auth/guest", SUPERUSER), 400,
                "{\"data\":{},\"message\":\"The request can be accessed only by guests.\",\"status\":400}");
        assertBody(get("/auth/guest", "expired.or.invalid"), 200, "guest");
        assertBody(get("/auth/guest", null), 200, "guest");
    }

    @Test
    void requestInfoCarriesAuthQueryHeadersAndMethod() throws Exception {
        HttpResponse<String> r = send("GET", "/info?a=1&a=2&b=x", USER, Map.of("X-Custom", "yes"), null);
        assertBody(r, 200, "{\"method\":\"GET\",\"query\":{\"a\":\"1\",\"b\":\"x\"},\"header\":\"yes\",\"auth\":\""
                + USER_ID + "\",\"superuser\":false}");
        assertTrue(get("/info", SUPERUSER).body().contains("\"superuser\":true"));
    }

    @Test
    void bodyLimitAndGzip() throws Exception {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        assertBody(send("POST", "/limited", null, json, HttpRequest.BodyPublishers.ofString("{\"a\":1}")), 200, "read 1");
        assertBody(send("POST", "/limited", null, json, HttpRequest.BodyPublishers.ofString("{\"a\":\"0123456789\"}")),
                413, "{\"data\":{},\"message\":\"Request entity too large.\",\"status\":413}");

        HttpRequest zipped = HttpRequest.newBuilder(URI.create(base + "/zipped")).header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> z = HTTP.send(zipped, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, z.statusCode());
        assertEquals("gzip", z.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(z.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept-Encoding")));
        assertTrue(z.body().length < 2000);
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(z.body()))) {
            assertEquals("x".repeat(2000), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> plain = get("/zipped", null);
        assertBody(plain, 200, "x".repeat(2000));
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
    }

    @Test
    void middlewaresRunByPriorityThenBindingOrderAndUnbindById() throws Exception {
        // router (0), route -5, route 0, group +10: priority first, equal ones in binding order (router first)
        assertBody(get("/order/chain", null), 200, "[\"route-5\",\"router\",\"route0\",\"group+10\"]");
        assertBody(get("/order/untraced", null), 200, "[\"group+10\"]");
        assertBody(get("/order/stopped", null), 202, "stopped");
    }

    @Test
    void bodiesBindToJavaTypesAndUploadsKeepNameSizeTypeAndBytes() throws Exception {
        assertBody(send("POST", "/bind/json", null, Map.of("Content-Type", "application/json"),
                HttpRequest.BodyPublishers.ofString("{\"title\":\"milk\",\"priority\":3,\"tags\":[\"a\"],\"unknown\":1}")),
                200, "{\"title\":\"milk\",\"priority\":3,\"tags\":[\"a\"],\"done\":false}");
        assertEquals(400, send("POST", "/bind/json", null, Map.of("Content-Type", "application/json"),
                HttpRequest.BodyPublishers.ofString("{\"priority\":\"high\"}")).statusCode());

        String boundary = "----locketBoundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = "hello upload";
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n123\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"priority\"\r\n\r\n2\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nx\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"done\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"note.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + text + "\r\n"
                + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send("POST", "/bind/form", null,
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        assertEquals(200, r.statusCode(), r.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(r.body());
        assertTrue(r.body().contains("{\"title\":\"123\",\"priority\":2,\"tags\":[\"x\"],\"done\":true}"), r.body());
        assertEquals(123.0, ((Number) parsed.get("raw")).doubleValue(), "the map view infers form values' types as upstream");
        @SuppressWarnings("unchecked")
        Map<String, Object> file = ((List<Map<String, Object>>) parsed.get("files")).getFirst();
        assertEquals("note.txt", file.get("name"));
        assertEquals(text.length(), ((Number) file.get("size")).intValue());
        assertEquals("text/plain; charset=utf-8", file.get("type"));
        assertEquals(text, file.get("text"));
    }

    @Test
    void errorHelpersAnswerPocketBaseErrorBodies() throws Exception {
        assertBody(get("/err/bad", null), 400, "{\"data\":{\"other\":{\"code\":\"validation_invalid_value\","
                + "\"message\":\"Invalid value.\"},\"title\":{\"code\":\"validation_title\",\"message\":\"Too short.\"}},"
                + "\"message\":\"Invalid title.\",\"status\":400}");
        assertBody(get("/err/notfound", null), 404,
                "{\"data\":{},\"message\":\"The requested resource wasn't found.\",\"status\":404}");
        assertBody(get("/err/forbidden", null), 403, "{\"data\":{},\"message\":\"No way.\",\"status\":403}");
        assertBody(get("/err/unauthorized", null), 401,
                "{\"data\":{},\"message\":\"Missing or invalid authentication.\",\"status\":401}");
        assertBody(get("/err/many", null), 429, "{\"data\":{},\"message\":\"Too Many Requests.\",\"status\":429}");
        assertBody(get("/err/internal", null), 500, GENERIC_500);
    }

    @Test
    void unexpectedExceptionsAnswerGenericBodiesWithoutDetails() throws Exception {
        HttpResponse<String> unexpected = get("/err/unexpected", null);
        assertBody(unexpected, 500, GENERIC_500);
        assertFalse(unexpected.body().contains("secret"));
        assertBody(get("/err/checked", null), 400,
                "{\"data\":{},\"message\":\"Something went wrong while processing your request.\",\"status\":400}");
    }

    @Test
    void responseHelpers() throws Exception {
        HttpResponse<String> html = get("/respond/html", null);
        assertBody(html, 201, "<b>hi</b>");
        assertEquals("text/html; charset=utf-8", html.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> redirect = get("/respond/redirect", null);
        assertEquals(302, redirect.statusCode());
        assertEquals("/hello/there", redirect.headers().firstValue("Location").orElse(""));
        assertBody(send("DELETE", "/respond/nothing", null, Map.of(), null), 204, "");
        HttpResponse<String> csv = get("/respond/header", null);
        assertBody(csv, 200, "a,b");
        assertEquals("text/csv", csv.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/respond/file")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        byte[] head = new byte[16];
        System.arraycopy(file.body(), 0, head, 0, 16);
        assertArrayEquals("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), head);
    }

    @Test
    void customRoutesPassTheGlobalGuards() throws Exception {
        HttpResponse<String> cors = send("GET", "/hello/cors", null, Map.of("Origin", "https://example.com"), null);
        assertEquals("*", cors.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("SAMEORIGIN", cors.headers().firstValue("X-Frame-Options").orElse(""));
        HttpResponse<String> limits = send("PATCH", "/api/settings", SUPERUSER,
                Map.of("Content-Type", "application/json"), HttpRequest.BodyPublishers.ofString(
                        "{\"rateLimits\":{\"enabled\":true,\"rules\":[{\"label\":\"/hello/limited\","
                                + "\"maxRequests\":1,\"duration\":60}]}}"));
        assertEquals(200, limits.statusCode(), limits.body());
        try {
            assertEquals(200, get("/hello/limited", null).statusCode());
            assertBody(get("/hello/limited", null), 429,
                    "{\"data\":{},\"message\":\"Too Many Requests.\",\"status\":429}");
        } finally {
            send("PATCH", "/api/settings", SUPERUSER, Map.of("Content-Type", "application/json"),
                    HttpRequest.BodyPublishers.ofString("{\"rateLimits\":{\"enabled\":false}}"));
        }
    }

    @Test
    void customRoutesShowInTheLogsApi() throws Exception {
        assertEquals(200, get("/hello/logged", null).statusCode());
        assertEquals(401, get("/auth/any", null).statusCode());
        String ok = waitForLog("/hello/logged");
        assertTrue(ok.contains("\"status\":200"), ok);
        assertTrue(ok.contains("\"method\":\"GET\""), ok);
        String denied = waitForLog("/auth/any");
        assertTrue(denied.contains("\"status\":401"), denied);
        assertTrue(denied.contains("The request requires valid record authorization token."), denied);
    }

    @Test
    void serveCodeAfterNextRunsWithTheServerUpAndLaterRoutesAreNotServed() throws Exception {
        assertEquals("Hello early", afterNext.get(30, TimeUnit.SECONDS));
        assertEquals(404, get("/late", null).statusCode());
    }

    @Test
    void requireSameCollectionContextAuthWantsARecordOfThePathsCollection() throws Exception {
        assertBody(get("/ctx/users/me", null), 401,
                "{\"data\":{},\"message\":\"The request requires valid record authorization token.\",\"status\":401}");
        assertBody(get("/ctx/users/me", USER), 200, USER_ID);
        assertBody(get("/ctx/_pb_users_auth_/me", USER), 200, USER_ID);
        assertBody(get("/ctx/demo1/me", USER), 403,
                "{\"data\":{},\"message\":\"The request requires auth record from users collection.\",\"status\":403}");
        assertEquals(403, get("/ctx/missing/me", USER).statusCode());
        assertTrue(get("/ctx/users/me", SUPERUSER).body().contains("auth record from _superusers collection."));
        assertBody(get("/ctx2/users/me", USER), 200, "ok");
    }

    @Test
    void customAndApiRoutesResolveByGoPrecedence() throws Exception {
        HttpResponse<String> methods = get("/api/collections/users/auth-methods", null);
        assertEquals(200, methods.statusCode(), methods.body());
        assertTrue(methods.body().contains("\"password\""), "the API's more specific route answers: " + methods.body());
        HttpResponse<String> list = get("/api/collections/users/records", SUPERUSER);
        assertTrue(list.body().contains("\"totalItems\""), list.body());
        assertBody(get("/api/collections/users/other", null), 200, "custom other");
        assertBody(get("/api/collections/meta/special", null), 200, "custom special");
        assertTrue(get("/api/collections/meta/scaffolds", SUPERUSER).body().contains("\"auth\""));
    }

    @Test
    void routerMiddlewaresWrapTheApiRoutes() throws Exception {
        HttpResponse<String> vetoed = send("GET", "/api/collections/users/records", USER,
                Map.of("X-Veto", "1"), null);
        assertEquals(403, vetoed.statusCode(), vetoed.body());
        assertTrue(vetoed.body().contains("\"message\":\"Vetoed users for " + USER_ID + ".\""), vetoed.body());

        HttpResponse<String> list = get("/api/collections/users/records", SUPERUSER);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("\"totalItems\""), list.body());
        assertEquals("seen", list.headers().firstValue("X-Global").orElse(""));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!afterApi.contains("GET /api/collections/users/records") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(afterApi.contains("GET /api/collections/users/records"), "code after next(): " + afterApi);

        HttpResponse<String> dropped = send("GET", "/api/collections/users/records", SUPERUSER,
                Map.of("X-Drop-Auth", "1"), null);
        assertEquals(403, dropped.statusCode(), dropped.body());
        assertTrue(dropped.body().contains("Only superusers can perform this action."), dropped.body());

        HttpResponse<String> health = send("GET", "/api/health", null, Map.of("X-Veto", "1"), null);
        assertEquals(403, health.statusCode(), health.body());
    }

    @Test
    void unbindingTheActivityLoggerKeepsRequestsOutOfTheLogs() throws Exception {
        assertBody(get("/nolog", null), 200, "unlogged");
        assertEquals(400, get("/quiet/fail", null).statusCode());
        assertEquals(200, get("/hello/after-quiet", null).statusCode());
        waitForLog("/hello/after-quiet");
        for (String url : List.of("/nolog", "/quiet/fail")) {
            String filter = URLEncoder.encode("data.url = '" + url + "'", StandardCharsets.UTF_8);
            HttpResponse<String> r = get("/api/logs?filter=" + filter, SUPERUSER);
            assertTrue(r.body().contains("\"totalItems\":0"), url + " was logged: " + r.body());
        }
    }

    private static String waitForLog(String url) throws Exception {
        String filter = URLEncoder.encode("data.url = '" + url + "'", StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            HttpResponse<String> r = get("/api/logs?filter=" + filter, SUPERUSER);
            assertEquals(200, r.statusCode(), r.body());
            if (!r.body().contains("\"totalItems\":0")) {
                return r.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no log entry for " + url + ": " + r.body());
            }
            Thread.sleep(200);
        }
    }
}
