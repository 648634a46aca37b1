package dev.locket.adapters.http.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.locket.adapters.http.server.LocketHttpServer;
import dev.locket.adapters.http.server.LocketHttpServerIT;
import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.fake.MutableSettings;
import dev.locket.application.fake.PlainHasher;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.in.record.BatchRecords;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import dev.locket.application.service.record.BatchService;
import dev.locket.application.service.record.RecordService;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.BatchFailed;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.TextField;
import dev.locket.domain.record.Record;
import dev.locket.domain.settings.BatchConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class BatchRoutesIT {

    static final BatchRecords BATCH = mock(BatchRecords.class);
    static final Authenticate AUTHENTICATE = mock(Authenticate.class);
    static final Collection SUPERUSERS = new BaseCollection("pbc_3142635823", "_superusers", true,
            List.<Field>of(new TextField(meta("id"), true, 15, 15, "", "", true)), CollectionRules.locked(),
            List.of(), "", "");
    static final Record SUPERUSER = new Record(SUPERUSERS, Map.of("id", "sywbhecnh46rhm0"));
    static final Collection POSTS = new BaseCollection("pbc_posts", "posts", false, List.<Field>of(
            new TextField(meta("id"), true, 15, 15, "", "", true),
            new TextField(meta("title"), false, 0, 0, "", "", false)), CollectionRules.locked(), List.of(), "", "");
    static final BatchRecords.Limits LIMITS = new BatchRecords.Limits(50, Duration.ofSeconds(3), 1024);

    static LocketHttpServer mocked;
    static LocketHttpServer noBatch;
    static LocketHttpServer real;
    static InMemoryRecordStore realRecords;
    static MutableSettings realSettings;
    static HttpClient client;

    @BeforeAll
    static void start() {
        HttpPorts ports = HttpPorts.builder()
                .records(mock(ListRecords.class), mock(ViewRecord.class), mock(CreateRecord.class),
                        mock(UpdateRecord.class), mock(DeleteRecord.class))
                .collections(mock(ManageCollections.class))
                .auth(mock(AuthWithPassword.class), mock(AuthRefresh.class), AUTHENTICATE)
                .batch(BATCH)
                .build();
        mocked = LocketHttpServer.start(new HttpConfig("127.0.0.1", 0), ports, null);
        noBatch = LocketHttpServer.start(new HttpConfig("127.0.0.1", 0), HttpPorts.builder()
                .records(ports.listRecords(), ports.viewRecord(), ports.createRecord(),
                        ports.updateRecord(), ports.deleteRecord())
                .collections(ports.collections())
                .auth(ports.authWithPassword(), ports.authRefresh(), AUTHENTICATE)
                .build(), null);
        real = startReal();
        client = HttpClient.newHttpClient();
    }

    /** The real services over the application's in-memory fakes, for the all-or-nothing round trip. */
    static LocketHttpServer startReal() {
        BaseCollection notes = Fixtures.base("notes", Fixtures.open(), Fixtures.text("title", true));
        InMemoryCollectionStore collections = new InMemoryCollectionStore(notes);
        realRecords = new InMemoryRecordStore();
        realSettings = MutableSettings.withBatch(true, 50, 3, 0);
        InMemoryTransactions tx = new InMemoryTransactions(realRecords, collections);
        RecordService records = new RecordService(collections, realRecords, tx, new PlainHasher(), new Hooks(),
                Clock.systemUTC(), new SplittableRandom(3));
        BatchService batch = new BatchService(realSettings, collections, realRecords, tx, records, records, records,
                Clock.systemUTC());
        Authenticate guests = token -> Optional.empty();
        return LocketHttpServer.start(new HttpConfig("127.0.0.1", 0), HttpPorts.builder()
                .records(records, records, records, records, records)
                .collections(mock(ManageCollections.class))
                .auth(mock(AuthWithPassword.class), mock(AuthRefresh.class), guests)
                .batch(batch)
                .build(), null);
    }

    @AfterAll
    static void stop() {
        mocked.stop();
        noBatch.stop();
        real.stop();
    }

    @BeforeEach
    void resetMocks() {
        reset(BATCH, AUTHENTICATE);
        when(AUTHENTICATE.authenticate(anyString())).thenReturn(Optional.empty());
        when(AUTHENTICATE.authenticate("su-token")).thenReturn(Optional.of(SUPERUSER));
        when(BATCH.limits()).thenReturn(LIMITS);
    }

    static FieldMeta meta(String name) {
        return new FieldMeta("f_" + name, name, name.equals("id"), false, false, "");
    }

    static Record post(String id, String title) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("title", title);
        return new Record(POSTS, v);
    }

    static HttpResponse<String> post(LocketHttpServer s, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .header("Content-Type", contentType).header("Authorization", "su-token").header("X-Outer", "o")
                .POST(BodyPublishers.ofString(body));
        return client.send(b.build(), BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String body) throws Exception {
        return post(mocked, "/api/batch", "application/json", body);
    }

    static BatchRecords.Command captured() {
        ArgumentCaptor<BatchRecords.Command> c = ArgumentCaptor.forClass(BatchRecords.Command.class);
        verify(BATCH).batch(c.capture());
        return c.getValue();
    }

    @Test
    void answersEachItemsStatusAndBodyInOrderWithItsOwnFieldsPicker() throws Exception {
        when(BATCH.batch(any())).thenReturn(List.of(new BatchRecords.Saved(post("p1", "one")),
                new BatchRecords.Deleted(), new BatchRecords.Saved(post("p2", "two"))));

        HttpResponse<String> r = postJson("""
                {"requests":[
                  {"method":"POST","url":"/api/collections/posts/records","body":{"title":"one","n":1},
                   "headers":{"X-Item":"i","Authorization":"ignored"}},
                  {"method":"DELETE","url":"/api/collections/posts/records/p9"},
                  {"method":"PATCH","url":"/api/collections/posts/records/p2?fields=id,title:excerpt(2,true)"}
                ]}""");

        assertEquals(200, r.statusCode());
        assertEquals("[{\"body\":{\"collectionId\":\"pbc_posts\",\"collectionName\":\"posts\",\"id\":\"p1\","
                + "\"title\":\"one\"},\"status\":200},{\"body\":null,\"status\":204},"
                + "{\"body\":{\"id\":\"p2\",\"title\":\"tw...\"},\"status\":200}]", r.body());
        BatchRecords.Command cmd = captured();
        assertEquals(3, cmd.items().size());
        BatchRecords.Item first = cmd.items().get(0);
        assertEquals("POST", first.method());
        assertEquals("/api/collections/posts/records", first.url());
        assertEquals(Map.of("title", "one", "n", 1), normalizeNumbers(LocketHttpServerIT.asMap(first.body())));
        assertEquals(List.of(new BatchRecords.Header("X-Item", "i"), new BatchRecords.Header("Authorization", "ignored")),
                first.headers());
        assertEquals(RecordBody.empty(), cmd.items().get(1).body());
        assertEquals(Optional.of(SUPERUSER), cmd.request().auth());
        assertEquals("o", cmd.request().headers().get("x_outer"));
    }

    static Map<String, Object> normalizeNumbers(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        body.forEach((k, v) -> out.put(k, v instanceof Number n ? n.intValue() : v));
        return out;
    }

    @Test
    void readsTheRequestsFromTheJsonPayloadOfAMultipartForm() throws Exception {
        when(BATCH.batch(any())).thenReturn(List.of(new BatchRecords.Deleted()));
        String boundary = "XyZbOuNdArY";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"@jsonPayload\"\r\n\r\n"
                + "{\"requests\":[{\"method\":\"DELETE\",\"url\":\"/api/collections/posts/records/p1\"}]}\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"requests.0.files\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n"
                + "--" + boundary + "--\r\n";

        HttpResponse<String> r = post(mocked, "/api/batch", "multipart/form-data; boundary=" + boundary, body);

        assertEquals(200, r.statusCode());
        assertEquals("[{\"body\":null,\"status\":204}]", r.body());
        BatchRecords.Item item = captured().items().get(0);
        assertEquals("/api/collections/posts/records/p1", item.url());
        assertEquals(List.of(), item.body().entries());
        assertEquals(List.of("files"), item.body().files().stream().map(f -> f.key()).toList(),
                "the item's file part, keyed by its field");
    }

    @Test
    void aFailedItemIsReportedWithTheResponseItsOwnRouteWouldGive() throws Exception {
        when(BATCH.batch(any())).thenThrow(new BatchFailed(1, new ValidationFailed("Failed to update record.",
                Map.of("title", FieldError.required()))));

        HttpResponse<String> r = postJson("{\"requests\":[{\"method\":\"POST\",\"url\":\"/x\"}]}");

        assertEquals(400, r.statusCode());
        assertEquals("{\"data\":{\"requests\":{\"1\":{\"code\":\"batch_request_failed\","
                + "\"message\":\"Batch request failed.\",\"response\":{\"data\":{\"title\":"
                + "{\"code\":\"validation_required\",\"message\":\"Cannot be blank.\"}},"
                + "\"message\":\"Failed to update record.\",\"status\":400}}}},"
                + "\"message\":\"Batch transaction failed.\",\"status\":400}", r.body());
    }

    @Test
    void aNestedErrorKeepsItsOwnStatusAndDefaultMessage() throws Exception {
        when(BATCH.batch(any())).thenThrow(new BatchFailed(0, new NotFound()));

        HttpResponse<String> r = postJson("{\"requests\":[{\"method\":\"POST\",\"url\":\"/x\"}]}");

        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"response\":{\"data\":{},\"message\":\"The requested resource wasn't found.\","
                + "\"status\":404}"), r.body());
    }

    @Test
    void envelopeAndTimeoutErrorsUseTheServicesMessages() throws Exception {
        when(BATCH.batch(any())).thenThrow(ValidationFailed.of("Invalid batch request data.", "requests",
                FieldError.required()));
        HttpResponse<String> invalid = postJson("{}");
        assertEquals(400, invalid.statusCode());
        assertEquals("{\"data\":{\"requests\":{\"code\":\"validation_required\",\"message\":\"Cannot be blank.\"}},"
                + "\"message\":\"Invalid batch request data.\",\"status\":400}", invalid.body());
        assertEquals(List.of(), captured().items());

        reset(BATCH);
        when(BATCH.limits()).thenReturn(LIMITS);
        when(BATCH.batch(any())).thenThrow(new BadRequest("Batch transaction failed."));
        HttpResponse<String> timeout = postJson("{\"requests\":[{\"method\":\"POST\",\"url\":\"/x\"}]}");
        assertEquals("{\"data\":{},\"message\":\"Batch transaction failed.\",\"status\":400}", timeout.body());
    }

    @Test
    void bodiesThatDoNotDecodeIntoTheFormAreUnreadable() throws Exception {
        for (String body : List.of("{\"requests\":", "[1]", "{\"requests\":{}}", "{\"requests\":[1]}",
                "{\"requests\":[{\"method\":5}]}", "{\"requests\":[{\"body\":[]}]}",
                "{\"requests\":[{\"headers\":{\"a\":1}}]}")) {
            HttpResponse<String> r = postJson(body);
            assertEquals(400, r.statusCode(), body);
            assertEquals("{\"data\":{},\"message\":\"Failed to read the submitted batch data.\",\"status\":400}",
                    r.body(), body);
        }
        verify(BATCH, never()).batch(any());
    }

    @Test
    void aDisabledBatchIsRefusedBeforeTheBodyIsRead() throws Exception {
        when(BATCH.limits()).thenThrow(new Forbidden(BatchRecords.NOT_ALLOWED));

        HttpResponse<String> r = postJson("not json at all");

        assertEquals(403, r.statusCode());
        assertEquals("{\"data\":{},\"message\":\"Batch requests are not allowed.\",\"status\":403}", r.body());
        verify(BATCH, never()).batch(any());
        assertEquals(403, post(noBatch, "/api/batch", "application/json", "{}").statusCode(),
                "ports without a batch use case refuse batches");
    }

    @Test
    void theBatchBodyLimitComesFromTheSettings() throws Exception {
        HttpResponse<String> r = postJson("{\"requests\":[],\"pad\":\"" + "x".repeat(2000) + "\"}");

        assertEquals(413, r.statusCode());
        verify(BATCH, never()).batch(any());
    }

    @Test
    void aMalformedItemFieldsPickerFailsTheBatchAtThatItem() throws Exception {
        HttpResponse<String> r = postJson("{\"requests\":[{\"method\":\"POST\",\"url\":\"/a\"},"
                + "{\"method\":\"POST\",\"url\":\"/api/collections/posts/records?fields=title:excerpt(x)\"}]}");

        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"requests\":{\"1\":{\"code\":\"batch_request_failed\""), r.body());
        verify(BATCH, never()).batch(any());
    }

    @Test
    void realServicesCommitAllOrNothing() throws Exception {
        HttpResponse<String> failed = post(real, "/api/batch", "application/json", """
                {"requests":[
                  {"method":"POST","url":"/api/collections/notes/records","body":{"title":"a"}},
                  {"method":"POST","url":"/api/collections/notes/records","body":{"title":""}}
                ]}""");
        assertEquals(400, failed.statusCode());
        assertTrue(failed.body().contains("\"1\":{\"code\":\"batch_request_failed\",\"message\":\"Batch request failed.\","
                + "\"response\":{\"data\":{\"title\":{\"code\":\"validation_required\""), failed.body());
        assertTrue(realRecords.all(Fixtures.base("notes", Fixtures.open())).isEmpty(), "the first create rolled back");

        HttpResponse<String> ok = post(real, "/api/batch", "application/json", """
                {"requests":[
                  {"method":"POST","url":"/api/collections/notes/records","body":{"id":"note00000000001","title":"a"}},
                  {"method":"PUT","url":"/api/collections/notes/records","body":{"id":"note00000000001","title":"b"}},
                  {"method":"DELETE","url":"/api/collections/notes/records/note00000000001"}
                ]}""");
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().startsWith("[{\"body\":{\"collectionId\":"), ok.body());
        assertTrue(ok.body().contains("\"title\":\"a\"},\"status\":200},{\"body\":{"), ok.body());
        assertTrue(ok.body().contains("\"title\":\"b\"},\"status\":200},{\"body\":null,\"status\":204}]"), ok.body());

        realSettings.update(s -> s.withBatch(new BatchConfig(false, 50, 3, 0)));
        assertEquals(403, post(real, "/api/batch", "application/json", "{}").statusCode());
        realSettings.update(s -> s.withBatch(new BatchConfig(true, 50, 3, 0)));
    }
}
