package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.Locket;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedding programs: a route added on serve; collections and records built in Java and saved as the system caller. */
class EmbeddingIT {
    @TempDir
    Path tmp;

    @Test
    void aRouteAddedOnServeAnswersBesideTheApi() throws Exception {
        Locket app = Locket.create();
        app.onServe().bind(e -> {
            e.routes().get("/hello", (req, res) -> res.send("Hello from Locket!"));
            e.next();
        });
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", tmp.resolve("pb_data").toString()));
        try {
            int port = app.awaitPort(30, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> hello = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hello.statusCode());
            assertEquals("Hello from Locket!", hello.body());

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        } finally {
            app.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }
    @Test
    void aCollectionBuiltInJavaIsSavedByTheSystemCallerAndServed() throws Exception {
        Locket app = Locket.create();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", tmp.resolve("pb_data").toString()));
        try {
            int port = app.awaitPort(30, TimeUnit.SECONDS);
            Collection notes = app.collections().create(CollectionDraft.base("notes")
                    .field(new TextField(FieldMeta.named("title"), true, 0, 100, "", "", false))
                    .listRule("").viewRule("").createRule(""), RequestInfo.system());
            assertEquals(List.of("id", "title"), notes.fields().stream().map(Field::name).toList());
            assertThrows(Unauthorized.class, () -> app.collections().view("notes", RequestInfo.guest()));

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/collections/notes/records"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, created.statusCode(), created.body());
            HttpResponse<String> definition = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/collections/notes")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, definition.statusCode(), "the collections API stays superuser-only over HTTP");

            List<Record> found = app.findRecordsByFilter("notes", "title = 'hi'", "", 10, 0);
            assertEquals(1, found.size());
            assertEquals("hi", found.getFirst().get("title"));

            // Records saved in code act as the system caller: no API rule applies, not even a locked one.
            app.collections().create(CollectionDraft.base("pins")
                    .field(new TextField(FieldMeta.named("label"), true, 0, 100, "", "", false))
                    .field(new JsonField(FieldMeta.named("tags"), false, 0))
                    .listRule(""), RequestInfo.system());
            Record pin = app.createRecord("pins", RecordBody.builder().set("label", "one").set("tags", List.of("a"))
                    .build());
            Record changed = app.updateRecord("pins", pin.id(), RecordBody.builder().set("label", "two").build());
            assertEquals("two", changed.get("label"));
            HttpResponse<String> listed = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/collections/pins/records")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(listed.body().contains("\"label\":\"two\""), listed.body());
            HttpResponse<String> guestCreate = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/collections/pins/records"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, guestCreate.statusCode(), "over HTTP the locked create rule still holds");
            assertThrows(ValidationFailed.class, () -> app.createRecord("pins", RecordBody.empty()),
                    "field validation applies to the system caller too");
            app.deleteRecord("pins", pin.id());
            assertEquals(List.of(), app.findRecordsByFilter("pins", "", "", 10, 0));
        } finally {
            app.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }
}
