package dev.locket.adapters.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.locket.adapters.http.HttpConfig;
import dev.locket.adapters.http.HttpPorts;
import dev.locket.adapters.http.json.GoJson;
import dev.locket.adapters.http.support.ApiErrors;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import dev.locket.application.port.out.Page;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.TooLarge;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.record.Record;
import dev.locket.domain.types.GeoPoint;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

public class LocketHttpServerIT {

    static final ListRecords LIST = mock(ListRecords.class);
    static final ViewRecord VIEW = mock(ViewRecord.class);
    static final CreateRecord CREATE = mock(CreateRecord.class);
    static final UpdateRecord UPDATE = mock(UpdateRecord.class);
    static final DeleteRecord DELETE = mock(DeleteRecord.class);
    static final ManageCollections COLLECTIONS = mock(ManageCollections.class);
    static final AuthWithPassword PASSWORD = mock(AuthWithPassword.class);
    static final AuthRefresh REFRESH = mock(AuthRefresh.class);
    static final Authenticate AUTHENTICATE = mock(Authenticate.class);

    static final Collection POSTS = new BaseCollection("pbc_posts", "posts", false, List.<Field>of(
            new TextField(meta("id"), true, 15, 15, "^[a-z0-9]+$", "[a-z0-9]{15}", true),
            new TextField(meta("title"), false, 0, 0, "", "", false),
            new NumberField(meta("views"), false, null, null, false),
            new BoolField(meta("published"), false),
            new JsonField(meta("meta"), false, 0),
            new GeoPointField(meta("point"), false)),
            CollectionRules.locked(), List.of(), "", "");
    static final Collection SUPERUSERS = new BaseCollection("pbc_3142635823", "_superusers", true,
            List.<Field>of(new TextField(meta("id"), true, 15, 15, "", "", true)), CollectionRules.locked(),
            List.of(), "", "");
    static final Record SUPERUSER = new Record(SUPERUSERS, Map.of("id", "sywbhecnh46rhm0"));

    static LocketHttpServer server;
    static LocketHttpServer smallServer;
    static HttpClient client;

    @BeforeAll
    static void start() {
        HttpPorts ports = HttpPorts.builder()
                .records(LIST, VIEW, CREATE, UPDATE, DELETE)
                .collections(COLLECTIONS)
                .auth(PASSWORD, REFRESH, AUTHENTICATE)
                .build();
        server = LocketHttpServer.start(new HttpConfig("127.0.0.1", 0), ports,
                routes -> routes.get("/hello", (req, res) -> res.send("hi")));
        smallServer = LocketHttpServer.start(new HttpConfig("127.0.0.1", 0, 1024), ports, null);
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.stop();
        smallServer.stop();
    }

    @BeforeEach
    void resetMocks() {
        reset(LIST, VIEW, CREATE, UPDATE, DELETE, COLLECTIONS, PASSWORD, REFRESH, AUTHENTICATE);
        when(AUTHENTICATE.authenticate(anyString())).thenReturn(Optional.empty());
        when(AUTHENTICATE.authenticate("su-token")).thenReturn(Optional.of(SUPERUSER));
    }

    static FieldMeta meta(String name) {
        return new FieldMeta("f_" + name, name, name.equals("id"), false, false, "");
    }

    static Record post() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "p1");
        v.put("title", "<b>Tom & Jerry</b>");
        v.put("views", 10.0);
        v.put("published", true);
        v.put("meta", new RawJson("[1,\n2,3]"));
        v.put("point", new GeoPoint(23.5, 42.0));
        return new Record(POSTS, v);
    }

    // ---- plumbing -------------------------------------------------------------------------

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), BodyHandlers.ofString());
    }

    static HttpRequest.Builder req(String path) {
        return req(server, path);
    }

    static HttpRequest.Builder req(LocketHttpServer s, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return send(req(path).GET());
    }

    static HttpResponse<String> postJson(String path, String json) throws Exception {
        return send(req(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    static String envelope(int status, String message) {
        return "{\"data\":{},\"message\":\"" + message + "\",\"status\":" + status + "}";
    }

    // ---- health, headers, CORS, unknown routes ----------------------------------------------

    @Test
    void longQueriesReachTheRoutesAndTransportErrorsAreStillEnvelopes() throws Exception {
        when(LIST.list(any())).thenReturn(new Page<>(1, 30, 0, 0, List.of()));
        // Go reads up to ~1 MiB of request line and headers, so a 500 KB filter is an ordinary request.
        HttpResponse<String> longFilter = send(req("/api/collections/posts/records?filter=" + "a".repeat(500_000)).GET());
        assertEquals(200, longFilter.statusCode(), longFilter.body());

        HttpResponse<String> tooLong = send(req("/api/collections/posts/records?filter=" + "a".repeat(1_100_000)).GET());
        assertTrue(tooLong.statusCode() >= 400 && tooLong.statusCode() < 500, String.valueOf(tooLong.statusCode()));
        assertEquals(envelope(tooLong.statusCode(), ApiErrors.defaultMessage(tooLong.statusCode())), tooLong.body());
        assertEquals("application/json", tooLong.headers().firstValue("Content-Type").orElse(""));

        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            // A header line without a colon: refused by Helidon before any route runs.
            socket.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String raw = readResponse(socket.getInputStream());
            assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
            assertTrue(raw.endsWith(envelope(400, ApiErrors.GENERIC)), raw);
        }
        for (String framing : List.of("Content-Length: -5\r\n\r\n",
                "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(("POST /api/collections/posts/records HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\nContent-Type: application/json\r\n" + framing)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String raw = readResponse(socket.getInputStream());
                assertTrue(raw.startsWith("HTTP/1.1 400"), framing + " -> " + raw);
                assertTrue(raw.endsWith(envelope(400, ApiErrors.GENERIC)), raw);
            }
        }
    }

    @Test
    void healthForGuestHasEmptyDataAndSecurityHeaders() throws Exception {
        HttpResponse<String> r = send(req("/api/health").header("Origin", "http://example.com").GET());
        assertEquals(200, r.statusCode());
        assertEquals("{\"message\":\"API is healthy.\",\"code\":200,\"data\":{}}", r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("1; mode=block", r.headers().firstValue("x-xss-protection").orElseThrow());
        assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElseThrow());
        assertEquals("SAMEORIGIN", r.headers().firstValue("x-frame-options").orElseThrow());
        assertEquals("*", r.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertTrue(r.headers().allValues("vary").toString().contains("Origin"));
    }

    @Test
    void healthForSuperuserAcceptsBareAndBearerTokens() throws Exception {
        for (String header : List.of("su-token", "Bearer su-token", "bEaReR su-token")) {
            HttpResponse<String> r = send(req("/api/health").header("Authorization", header).GET());
            assertEquals("{\"message\":\"API is healthy.\",\"code\":200,\"data\":{\"canBackup\":true,"
                    + "\"realIP\":\"127.0.0.1\",\"possibleProxyHeader\":\"\"}}", r.body(), header);
        }
    }

    @Test
    void invalidTokenMakesAGuestRequest() throws Exception {
        HttpResponse<String> r = send(req("/api/health").header("Authorization", "Bearer nope").GET());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().endsWith("\"data\":{}}"));
    }

    @Test
    void unknownApiRouteIs404Envelope() throws Exception {
        HttpResponse<String> r = get("/api/nope/deeper");
        assertEquals(404, r.statusCode());
        assertEquals(envelope(404, "The requested resource wasn't found."), r.body());
        assertEquals(404, send(req("/api/collections/posts/records/x/y").DELETE()).statusCode());
        HttpResponse<String> outside = get("/not-an-api-path.txt");
        assertEquals(404, outside.statusCode());
        assertEquals(envelope(404, "The requested resource wasn't found."), outside.body());
    }

    @Test
    void preflightAnswers204EchoingRequestedHeaders() throws Exception {
        HttpResponse<String> r = send(req("/api/collections/posts/records")
                .header("Origin", "http://example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", BodyPublishers.noBody()));
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
        assertEquals("authorization,content-type", r.headers().firstValue("access-control-allow-headers").orElseThrow());
        assertEquals("GET,HEAD,PUT,PATCH,POST,DELETE", r.headers().firstValue("access-control-allow-methods").orElseThrow());
        assertEquals("*", r.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertTrue(r.headers().allValues("vary").toString().contains("Origin"));
    }

    @Test
    void noOriginMeansNoAllowOriginHeaderAndConfiguredOriginsAreEchoed() throws Exception {
        HttpResponse<String> r = get("/api/health");
        assertTrue(r.headers().firstValue("access-control-allow-origin").isEmpty());
        assertEquals("Origin", r.headers().firstValue("vary").orElseThrow());

        HttpPorts ports = HttpPorts.builder()
                .records(LIST, VIEW, CREATE, UPDATE, DELETE)
                .collections(COLLECTIONS)
                .auth(PASSWORD, REFRESH, AUTHENTICATE)
                .build();
        LocketHttpServer restricted = LocketHttpServer.start(
                new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_BODY_LIMIT, List.of("https://app.example")), ports, null);
        try {
            HttpResponse<String> ok = send(req(restricted, "/api/health").header("Origin", "https://app.example").GET());
            assertEquals("https://app.example", ok.headers().firstValue("access-control-allow-origin").orElseThrow());
            HttpResponse<String> other = send(req(restricted, "/api/health").header("Origin", "https://evil.example").GET());
            assertEquals(200, other.statusCode());
            assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());
        } finally {
            restricted.stop();
        }
    }

    @Test
    void customRoutesAreServed() throws Exception {
        HttpResponse<String> r = get("/hello");
        assertEquals(200, r.statusCode());
        assertEquals("hi", r.body());
        assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElseThrow());
    }

    @Test
    void headAnswersLikeGetWithoutBody() throws Exception {
        when(VIEW.view(any())).thenReturn(post());
        HttpResponse<String> r = send(req("/api/collections/posts/records/p1").method("HEAD", BodyPublishers.noBody()));
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
        HttpResponse<String> h = send(req("/api/health").method("HEAD", BodyPublishers.noBody()));
        assertEquals(200, h.statusCode());
        assertEquals("", h.body());
        // Custom GET routes answer HEAD too, and the connection stays usable afterwards.
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> custom = send(req("/hello").method("HEAD", BodyPublishers.noBody()));
            assertEquals(200, custom.statusCode());
            assertEquals("", custom.body());
            assertEquals("hi", get("/hello").body());
        }
        HttpResponse<String> missing = send(req("/api/nope").method("HEAD", BodyPublishers.noBody()));
        assertEquals(404, missing.statusCode());
        assertEquals("", missing.body());
    }

    // ---- errors ---------------------------------------------------------------------------

    @Test
    void domainErrorsMapToStatusesWithSentenceMessages() throws Exception {
        record Case(RuntimeException error, int status, String message) {
        }
        List<Case> cases = List.of(
                new Case(new NotFound(), 404, "The requested resource wasn't found."),
                new Case(new Forbidden(Forbidden.SUPERUSERS_ONLY), 403, "Only superusers can perform this action."),
                new Case(new Unauthorized(), 401, "The request requires valid record authorization token."),
                new Case(new BadRequest("missing collection context"), 400, "Missing collection context."),
                new Case(new BadRequest("really?"), 400, "Really?"),
                new Case(new TooLarge(), 413, "Request entity too large."),
                new Case(new IllegalStateException("secret detail"), 500,
                        "Something went wrong while processing your request."));
        for (Case c : cases) {
            reset(VIEW);
            when(VIEW.view(any())).thenThrow(c.error());
            HttpResponse<String> r = get("/api/collections/posts/records/p1");
            assertEquals(c.status(), r.statusCode(), c.toString());
            assertEquals(envelope(c.status(), c.message()), r.body());
        }
    }

    @Test
    void validationFailureCarriesTheErrorTree() throws Exception {
        Map<String, dev.locket.domain.error.ErrorNode> errors = new LinkedHashMap<>();
        errors.put("title", FieldError.required());
        errors.put("views", FieldError.of("validation_min_number_constraint", "must be greater or equal than 5",
                "min", 5));
        errors.put("fields", new ErrorGroup(Map.of("2", FieldError.of("", ""))));
        when(CREATE.create(any())).thenThrow(new ValidationFailed("Failed to create record.", errors));
        HttpResponse<String> r = postJson("/api/collections/posts/records", "{}");
        assertEquals(400, r.statusCode());
        assertEquals("{\"data\":{\"fields\":{\"2\":{\"code\":\"validation_invalid_value\",\"message\":\"Invalid value.\"}},"
                + "\"title\":{\"code\":\"validation_required\",\"message\":\"Cannot be blank.\"},"
                + "\"views\":{\"code\":\"validation_min_number_constraint\",\"message\":\"Must be greater or equal than 5.\","
                + "\"params\":{\"min\":5}}},"
                + "\"message\":\"Failed to create record.\",\"status\":400}", r.body());
    }

    // ---- record JSON ----------------------------------------------------------------------

    @Test
    void recordIsWrittenWithGoSpellingAndCollectionKeys() throws Exception {
        Record withExpand = post().with("views", 1e21).withExpand(Map.of("author", post(), "tags", List.of(post())));
        when(VIEW.view(any())).thenReturn(withExpand);
        HttpResponse<String> r = get("/api/collections/posts/records/p1?expand=author");
        assertEquals(200, r.statusCode());
        String body = r.body();
        String plain = "\"collectionId\":\"pbc_posts\",\"collectionName\":\"posts\",\"id\":\"p1\",\"meta\":[1,2,3],"
                + "\"point\":{\"lon\":23.5,\"lat\":42},\"published\":true,"
                + "\"title\":\"\\u003cb\\u003eTom \\u0026 Jerry\\u003c/b\\u003e\",";
        // Go map order (sorted keys), Go escaping and Go float spelling.
        assertEquals("{\"collectionId\":\"pbc_posts\",\"collectionName\":\"posts\",\"expand\":{"
                + "\"author\":{" + plain + "\"views\":10},\"tags\":[{" + plain + "\"views\":10}]},"
                + "\"id\":\"p1\",\"meta\":[1,2,3],\"point\":{\"lon\":23.5,\"lat\":42},\"published\":true,"
                + "\"title\":\"\\u003cb\\u003eTom \\u0026 Jerry\\u003c/b\\u003e\",\"views\":1e+21}", body);
        ArgumentCaptor<ViewRecord.Query> q = ArgumentCaptor.forClass(ViewRecord.Query.class);
        verify(VIEW).view(q.capture());
        assertEquals("posts", q.getValue().collection());
        assertEquals("p1", q.getValue().id());
        assertEquals("author", q.getValue().expand());
    }

    // ---- list query parsing -----------------------------------------------------------------

    private ListRecords.Query listQuery(String query) throws Exception {
        reset(LIST);
        when(LIST.list(any())).thenAnswer(inv -> {
            ListRecords.Query q = inv.getArgument(0);
            return new Page<>(q.page(), q.perPage(), q.skipTotal() ? -1 : 1, q.skipTotal() ? -1 : 1, List.of(post()));
        });
        HttpResponse<String> r = get("/api/collections/posts/records" + query);
        assertEquals(200, r.statusCode(), r.body());
        ArgumentCaptor<ListRecords.Query> q = ArgumentCaptor.forClass(ListRecords.Query.class);
        verify(LIST).list(q.capture());
        return q.getValue();
    }

    @Test
    void listDefaultsAndEnvelope() throws Exception {
        ListRecords.Query q = listQuery("");
        assertEquals(1, q.page());
        assertEquals(30, q.perPage());
        assertFalse(q.skipTotal());
        assertEquals("", q.filter());
        HttpResponse<String> r = get("/api/collections/posts/records");
        assertTrue(r.body().startsWith("{\"page\":1,\"perPage\":30,\"totalItems\":1,\"totalPages\":1,\"items\":[{\"collectionId\":\"pbc_posts\""),
                r.body());
    }

    @Test
    void listClampsPagingAndTreatsEmptyAsAbsentAndTakesFirstValue() throws Exception {
        ListRecords.Query q = listQuery("?page=0&perPage=5000&skipTotal=1&filter=&sort=-created&sort=title");
        assertEquals(1, q.page());
        assertEquals(1000, q.perPage());
        assertTrue(q.skipTotal());
        assertEquals("", q.filter());
        assertEquals("-created", q.sort());
        q = listQuery("?page=3&page=4&perPage=-2&skipTotal=False&filter=title%3D%27a%27");
        assertEquals(3, q.page());
        assertEquals(30, q.perPage());
        assertFalse(q.skipTotal());
        assertEquals("title='a'", q.filter());
        q = listQuery("?page=&perPage=&skipTotal=");
        assertEquals(1, q.page());
        assertEquals(30, q.perPage());
    }

    @Test
    void listEchoesSkippedTotalsAsMinusOne() throws Exception {
        listQuery("?skipTotal=true&perPage=1000");
        HttpResponse<String> r = get("/api/collections/posts/records?skipTotal=true&perPage=1000");
        assertTrue(r.body().startsWith("{\"page\":1,\"perPage\":1000,\"totalItems\":-1,\"totalPages\":-1,"), r.body());
    }

    @Test
    void unparsableListParamsAreGeneric400() throws Exception {
        for (String query : List.of("?page=abc", "?perPage=1.5", "?skipTotal=yes")) {
            HttpResponse<String> r = get("/api/collections/posts/records" + query);
            assertEquals(400, r.statusCode(), query);
            assertEquals(envelope(400, "Something went wrong while processing your request."), r.body());
        }
        verify(LIST, never()).list(any());
    }

    // ---- fields picker ----------------------------------------------------------------------

    @Test
    void fieldsPickerAppliesToRecordsListsAndAuthResponses() throws Exception {
        when(VIEW.view(any())).thenReturn(post());
        assertEquals("{\"id\":\"p1\",\"views\":10}", get("/api/collections/posts/records/p1?fields=id,views").body());
        listQuery("");
        // Upstream picks on a decoded copy, so a picked body has sorted keys, envelope included.
        assertEquals("{\"items\":[{\"title\":\"\\u003cb\\u003eTom \\u0026 Jerry\\u003c/b\\u003e\"}],\"page\":1,\"perPage\":30,\"totalItems\":1,\"totalPages\":1}",
                get("/api/collections/posts/records?fields=title").body());
        assertEquals("{\"title\":\"Tom \\u0026...\"}",
                get("/api/collections/posts/records/p1?fields=title:excerpt(5,true)").body());
        when(PASSWORD.authWithPassword(any())).thenReturn(new AuthResult("tok", post()));
        assertEquals("{\"record\":{\"id\":\"p1\"},\"token\":\"tok\"}",
                postJson("/api/collections/posts/auth-with-password?fields=token,record.id",
                        "{\"identity\":\"a\",\"password\":\"b\"}").body());
        HttpResponse<String> bad = get("/api/collections/posts/records/p1?fields=title:nope(1)");
        assertEquals(400, bad.statusCode());
        assertEquals(envelope(400, "Something went wrong while processing your request."), bad.body());
        reset(CREATE);
        assertEquals(400, postJson("/api/collections/posts/records?fields=title:excerpt(", "{}").statusCode());
        verify(CREATE, never()).create(any());
    }

    // ---- bodies ---------------------------------------------------------------------------

    private Map<String, Object> createdBody(HttpRequest.Builder request) throws Exception {
        reset(CREATE);
        when(CREATE.create(any())).thenReturn(post());
        HttpResponse<String> r = send(request);
        assertEquals(200, r.statusCode(), r.body());
        ArgumentCaptor<CreateRecord.Command> c = ArgumentCaptor.forClass(CreateRecord.Command.class);
        verify(CREATE).create(c.capture());
        assertEquals("posts", c.getValue().collection());
        return asMap(c.getValue().body());
    }

    /** The decoded body keyed as submitted, to compare with what the client sent. */
    public static Map<String, Object> asMap(RecordBody body) {
        Map<String, Object> out = new LinkedHashMap<>();
        body.entries().forEach(e -> out.put(e.key(), e.value()));
        return out;
    }

    @Test
    void createAcceptsJsonAndAnswers200() throws Exception {
        Map<String, Object> body = createdBody(req("/api/collections/posts/records?expand=a")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(BodyPublishers.ofString("{\"title\":\"x\",\"views+\":2,\"tags\":[\"a\"],\"meta\":{\"k\":null}}")));
        assertEquals("x", body.get("title"));
        assertEquals(2, ((Number) body.get("views+")).intValue());
        assertEquals(List.of("a"), body.get("tags"));
        assertTrue(((Map<?, ?>) body.get("meta")).containsKey("k"));
    }

    @Test
    void zeroLengthBodyIsEmptyWhateverTheContentType() throws Exception {
        Map<String, Object> body = createdBody(req("/api/collections/posts/records")
                .header("Content-Type", "text/plain").POST(BodyPublishers.noBody()));
        assertTrue(body.isEmpty());
        HttpResponse<String> r = send(req("/api/collections/posts/records/p1")
                .header("Content-Type", "application/json").DELETE());
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
        verify(DELETE).delete(any());
    }

    @Test
    void badBodiesAre400BeforeThePortIsCalled() throws Exception {
        for (String json : List.of("{\"title\":", "[1,2]", "\"text\"", "{} trailing")) {
            HttpResponse<String> r = postJson("/api/collections/posts/records", json);
            assertEquals(400, r.statusCode(), json);
            assertEquals(envelope(400, "Something went wrong while processing your request."), r.body());
        }
        HttpResponse<String> r = send(req("/api/collections/posts/records")
                .header("Content-Type", "text/plain").POST(BodyPublishers.ofString("title=x")));
        assertEquals(400, r.statusCode());
        assertEquals(envelope(400, "Unsupported Content-Type."), r.body());
        verify(CREATE, never()).create(any());
    }

    @Test
    void malformedContentTypesAre400NeverServerErrors() throws Exception {
        // issue 14 item 10: each of these used to be a 500 ("Cannot parse media type")
        for (String type : List.of("", ";", "/", "application", "multipart/form-data; boundary",
                "multipart/form-data; boundary=\"", "multipart/form-data;;", "text/plain; a=\"b")) {
            for (String path : List.of("/api/collections/posts/records", "/api/collections/posts/records/p1")) {
                String method = path.endsWith("p1") ? "PATCH" : "POST";
                String body = "{\"title\":\"x\"}";
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                    socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                            + "Content-Type: " + type + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    String raw = readResponse(socket.getInputStream());
                    assertTrue(raw.startsWith("HTTP/1.1 400 "), method + " Content-Type: [" + type + "] -> " + raw);
                    assertTrue(raw.contains("\"status\":400"), raw);
                }
            }
        }
        verify(CREATE, never()).create(any());
        verify(UPDATE, never()).update(any());
        // a parameter without a value does not hide the media type from upstream's prefix check
        Map<String, Object> body = createdBody(req("/api/collections/posts/records")
                .header("Content-Type", "application/json; charset").POST(BodyPublishers.ofString("{\"title\":\"y\"}")));
        assertEquals("y", body.get("title"));
    }

    @Test
    void multipartTextPartsAreTypeInferred() throws Exception {
        String boundary = "----locketBoundary42";
        String multipart = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"views\"\r\n\r\n12\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"code\"\r\n\r\n0001\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"tags\"\r\n\r\na\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"tags\"\r\n\r\nb\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"published\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"@jsonPayload\"\r\n\r\n{\"meta\":{\"a\":[1]}}\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nfile bytes\r\n"
                + "--" + boundary + "--\r\n";
        Map<String, Object> body = createdBody(req("/api/collections/posts/records")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofString(multipart)));
        assertEquals("hello", body.get("title"));
        assertEquals(12.0, body.get("views"));
        assertEquals("0001", body.get("code"));
        assertEquals(List.of("a", "b"), body.get("tags"));
        assertEquals(true, body.get("published"));
        assertEquals("{\"a\":[1]}", GoJson.writeString(body.get("meta")));
        assertFalse(body.containsKey("doc"));
    }

    @Test
    void urlEncodedBodyMergesQueryValuesLikeGo() throws Exception {
        Map<String, Object> body = createdBody(req("/api/collections/posts/records?expand=author")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("title=a+b%26c&views=1.5&flag=false")));
        assertEquals("a b&c", body.get("title"));
        assertEquals(1.5, body.get("views"));
        assertEquals(false, body.get("flag"));
        assertEquals("author", body.get("expand"));
    }

    @Test
    void bodiesOverTheLimitAre413WithOrWithoutContentLength() throws Exception {
        byte[] big = ("{\"title\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> declared = send(req(smallServer, "/api/collections/posts/records")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(big)));
        assertEquals(413, declared.statusCode());
        assertEquals(envelope(413, "Request entity too large."), declared.body());
        HttpResponse<String> chunked = send(req(smallServer, "/api/collections/posts/records")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertEquals(413, chunked.statusCode());
        verify(CREATE, never()).create(any());
    }

    @Test
    void updateAndDeleteReachTheirPorts() throws Exception {
        when(UPDATE.update(any())).thenReturn(post());
        HttpResponse<String> r = send(req("/api/collections/posts/records/p1")
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"views-\":1}")));
        assertEquals(200, r.statusCode());
        ArgumentCaptor<UpdateRecord.Command> c = ArgumentCaptor.forClass(UpdateRecord.Command.class);
        verify(UPDATE).update(c.capture());
        assertEquals("p1", c.getValue().id());
        RecordBody.Entry views = c.getValue().body().entry("views-").orElseThrow();
        assertEquals(RecordBody.Modifier.REMOVE, views.modifier());
        assertEquals("views", views.field());
        assertEquals(1, ((Number) views.value()).intValue());
        assertEquals("PATCH", c.getValue().request().method());
    }

    // ---- request info ---------------------------------------------------------------------

    @Test
    void requestInfoCarriesAuthHeadersQueryAndBody() throws Exception {
        when(CREATE.create(any())).thenReturn(post());
        send(req("/api/collections/posts/records?test=1&test=2&x=")
                .header("Authorization", "su-token")
                .header("X-Custom-Header", "abc")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"title\":\"t\"}")));
        ArgumentCaptor<CreateRecord.Command> c = ArgumentCaptor.forClass(CreateRecord.Command.class);
        verify(CREATE).create(c.capture());
        var info = c.getValue().request();
        assertTrue(info.isSuperuser());
        assertEquals("POST", info.method());
        assertEquals("abc", info.headers().get("x_custom_header"));
        assertEquals("su-token", info.headers().get("authorization"));
        assertEquals("1", info.query().get("test"));
        assertEquals("", info.query().get("x"));
        assertEquals("t", info.body().get("title"));
        assertEquals("default", info.context());
    }

    // ---- auth -----------------------------------------------------------------------------

    @Test
    void authWithPasswordPassesCredentialsAndReturnsTokenAndRecord() throws Exception {
        when(PASSWORD.authWithPassword(any())).thenReturn(new AuthResult("jwt", post()));
        HttpResponse<String> r = postJson("/api/collections/users/auth-with-password?expand=team",
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\",\"identityField\":\"email\"}");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("{\"record\":{\"collectionId\":\"pbc_posts\",\"collectionName\":\"posts\",\"id\":\"p1\","), r.body());
        assertTrue(r.body().endsWith("},\"token\":\"jwt\"}"), r.body());
        ArgumentCaptor<AuthWithPassword.Command> c = ArgumentCaptor.forClass(AuthWithPassword.Command.class);
        verify(PASSWORD).authWithPassword(c.capture());
        assertEquals("users", c.getValue().collection());
        assertEquals("test@example.com", c.getValue().identity());
        assertEquals("1234567890", c.getValue().password());
        assertEquals("email", c.getValue().identityField());
        assertEquals("team", c.getValue().expand());
    }

    @Test
    void authWithPasswordUnreadableBodyIsLoadingError() throws Exception {
        for (String json : List.of("{\"identity\":1}", "{bad")) {
            HttpResponse<String> r = postJson("/api/collections/users/auth-with-password", json);
            assertEquals(400, r.statusCode());
            assertEquals(envelope(400, "An error occurred while loading the submitted data."), r.body());
        }
        when(PASSWORD.authWithPassword(any())).thenThrow(new BadRequest("Failed to authenticate."));
        assertEquals(envelope(400, "Failed to authenticate."),
                postJson("/api/collections/users/auth-with-password", "{\"identity\":\"a\",\"password\":\"b\"}").body());
    }

    @Test
    void authRefreshPassesThePresentedToken() throws Exception {
        when(REFRESH.authRefresh(any())).thenReturn(new AuthResult("fresh", post()));
        HttpResponse<String> r = send(req("/api/collections/users/auth-refresh?expand=a,b.c")
                .header("Authorization", "Bearer su-token").POST(BodyPublishers.noBody()));
        assertEquals(200, r.statusCode());
        ArgumentCaptor<AuthRefresh.Command> c = ArgumentCaptor.forClass(AuthRefresh.Command.class);
        verify(REFRESH).authRefresh(c.capture());
        assertEquals("su-token", c.getValue().presentedToken());
        assertEquals("a,b.c", c.getValue().expand());
        assertTrue(c.getValue().request().isSuperuser());
    }

    // ---- collections ----------------------------------------------------------------------

    @Test
    void collectionsRoutesMapOntoManageCollections() throws Exception {
        when(COLLECTIONS.list(any())).thenReturn(new Page<>(2, 2, 16, 8, List.of(POSTS)));
        HttpResponse<String> list = send(req("/api/collections?page=2&perPage=2&sort=-created")
                .header("Authorization", "su-token").GET());
        assertEquals(200, list.statusCode());
        assertTrue(list.body().startsWith("{\"page\":2,\"perPage\":2,\"totalItems\":16,\"totalPages\":8,\"items\":[{\"id\":\"pbc_posts\","),
                list.body());
        assertTrue(list.body().contains("\"name\":\"posts\",\"type\":\"base\""), list.body());
        assertTrue(list.body().contains("\"listRule\":null"), list.body());

        when(COLLECTIONS.scaffolds(any())).thenReturn(new ManageCollections.Scaffolds((BaseCollection) POSTS,
                new AuthCollection("", "", false, List.of(), CollectionRules.locked(), List.of(), "", "",
                        SystemCollections.defaultAuthOptions(null)),
                new ViewCollection("", "", false, List.of(), CollectionRules.locked(), List.of(), "", "", "")));
        String scaffolds = get("/api/collections/meta/scaffolds").body();
        // A Go map upstream: keys sorted.
        assertTrue(scaffolds.startsWith("{\"auth\":{\"id\":\"\""), scaffolds);
        assertTrue(scaffolds.contains(",\"base\":{\"id\":\"pbc_posts\""), scaffolds);
        assertTrue(scaffolds.contains(",\"view\":{\"id\":\"\""), scaffolds);
        verify(COLLECTIONS, never()).view(anyString(), any());

        when(COLLECTIONS.view(anyString(), any())).thenThrow(new Unauthorized());
        assertEquals(401, get("/api/collections/posts").statusCode());

        HttpResponse<String> imported = send(req("/api/collections/import").header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"collections\":[{\"name\":\"a\"}],\"deleteMissing\":true}")));
        assertEquals(204, imported.statusCode());
        verify(COLLECTIONS).importCollections(org.mockito.ArgumentMatchers.eq(new ManageCollections.Import(
                List.of(CollectionDraft.changes().name("a")), true)), any());

        HttpResponse<String> empty = send(req("/api/collections/import").header("Authorization", "su-token")
                .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{\"collections\":[]}")));
        assertEquals(400, empty.statusCode());
        assertEquals("{\"data\":{\"collections\":{\"code\":\"validation_required\",\"message\":\"Cannot be blank.\"}},"
                + "\"message\":\"An error occurred while validating the submitted data.\",\"status\":400}", empty.body());

        assertEquals(204, send(req("/api/collections/posts/truncate").DELETE()).statusCode());
        verify(COLLECTIONS).truncate(org.mockito.ArgumentMatchers.eq("posts"), any());
        assertEquals(204, send(req("/api/collections/posts").DELETE()).statusCode());
        verify(COLLECTIONS).delete(org.mockito.ArgumentMatchers.eq("posts"), any());

        when(COLLECTIONS.create(any(), any())).thenReturn(POSTS);
        assertEquals(200, postJson("/api/collections", "{\"name\":\"posts\"}").statusCode());
        assertEquals(envelope(400, "Failed to load the submitted data due to invalid formatting."),
                postJson("/api/collections", "[1]").body());
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
