package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locket.Locket;
import dev.locket.application.hook.UnsavedFile;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.rule.RequestInfo;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploaded files in the record create/update request hooks, over a real server and multipart bodies: as upstream's
 * {@code e.Record.GetUnsavedFiles(field)} before {@code e.Next()}, a handler sees each upload's generated and
 * original name, size, detected type and bytes, before the field's own checks run, and may veto the request with
 * a PocketBase error or drop a file from the record.
 */
class UploadRequestHooksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};

    @TempDir
    static Path tmp;
    static Locket app;
    static CompletableFuture<Integer> exit;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<UnsavedFile> CREATED = new CopyOnWriteArrayList<>();
    static final List<byte[]> CREATED_BYTES = new CopyOnWriteArrayList<>();
    static final List<UnsavedFile> UPDATED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void serve() throws Exception {
        app = Locket.create();
        app.hooks().onRecordCreateRequest("docs").bind(e -> {
            for (UnsavedFile f : e.unsavedFiles("files")) {
                CREATED.add(f);
                CREATED_BYTES.add(f.bytes());
                if (f.originalName().startsWith("secret")) {
                    throw ValidationFailed.of("Failed to create record.", "files",
                            FieldError.of("validation_secret_file", "Secret files are not accepted."));
                }
                if (f.size() > 100) {
                    // seen before the field's own 200-byte limit is checked, as upstream's hooks see them
                    throw ValidationFailed.of("Failed to create record.", "files",
                            FieldError.of("validation_file_too_large", "At most 100 bytes per file."));
                }
                if (f.originalName().startsWith("drop")) {
                    List<Object> kept = new java.util.ArrayList<>((List<?>) e.record().get("files"));
                    kept.remove(f.name());
                    e.record(e.record().with("files", kept));
                }
            }
            e.next();
        });
        app.hooks().onRecordUpdateRequest("docs").bind(e -> {
            UPDATED.addAll(e.unsavedFiles());
            e.next();
        });
        exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", tmp.resolve("pb_data").toString()));
        base = "http://127.0.0.1:" + app.awaitPort(60, TimeUnit.SECONDS);
        app.collections().create(CollectionDraft.base("docs")
                .field(new TextField(FieldMeta.named("title"), false, 0, 100, "", "", false))
                .field(new FileField(FieldMeta.named("files"), false, 5, 200, List.of(), List.of(), false))
                .viewRule("").createRule("").updateRule(""), RequestInfo.system());
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    @Test
    void theCreateHookSeesEachUploadWithItsNamesSizeTypeAndBytes() throws Exception {
        CREATED.clear();
        CREATED_BYTES.clear();
        HttpResponse<String> r = send("POST", "/api/collections/docs/records",
                new Part("title", null, "two".getBytes(StandardCharsets.UTF_8)),
                new Part("files", "notes.txt", "hello hooks".getBytes(StandardCharsets.UTF_8)),
                new Part("files", "pixel.png", PNG));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode record = JSON.readTree(r.body());
        assertEquals(2, CREATED.size());
        UnsavedFile notes = CREATED.get(0);
        UnsavedFile pixel = CREATED.get(1);
        assertEquals("files", notes.field());
        assertEquals("notes.txt", notes.originalName());
        assertEquals(11, notes.size());
        assertEquals("text/plain; charset=utf-8", notes.contentType());
        assertArrayEquals("hello hooks".getBytes(StandardCharsets.UTF_8), CREATED_BYTES.get(0));
        assertEquals("pixel.png", pixel.originalName());
        assertEquals("image/png", pixel.contentType());
        assertEquals(PNG.length, pixel.size());
        assertTrue(notes.name().matches("notes_[A-Za-z0-9]{10}\\.txt"), notes.name());
        // the generated names are the ones stored and served
        assertEquals(List.of(notes.name(), pixel.name()), names(record.get("files")));
        HttpResponse<String> download = get("/api/files/docs/" + record.get("id").asText() + "/" + notes.name());
        assertEquals(200, download.statusCode());
        assertEquals("hello hooks", download.body());
    }

    @Test
    void aHandlerVetoesAnUploadWithAPocketBaseErrorAndNothingIsStored() throws Exception {
        HttpResponse<String> r = send("POST", "/api/collections/docs/records",
                new Part("title", null, "veto".getBytes(StandardCharsets.UTF_8)),
                new Part("files", "secret.txt", "top secret".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = JSON.readTree(r.body());
        assertEquals("Failed to create record.", error.get("message").asText());
        assertEquals("validation_secret_file", error.at("/data/files/code").asText());
        assertEquals("Secret files are not accepted.", error.at("/data/files/message").asText());
        assertTrue(app.findRecordsByFilter("docs", "title = 'veto'", "", 1, 0).isEmpty());
    }

    @Test
    void theHookSeesAnUploadBeforeTheFieldLimitAndItsErrorIsTheAnswer() throws Exception {
        // 150 bytes: under the field's 200-byte limit but over the hook's 100
        HttpResponse<String> r = send("POST", "/api/collections/docs/records",
                new Part("files", "big.txt", "x".repeat(150).getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("validation_file_too_large", JSON.readTree(r.body()).at("/data/files/code").asText());
        // 300 bytes: the hook vetoes first, so its error is the one reported, not the field's size limit
        r = send("POST", "/api/collections/docs/records",
                new Part("files", "huge.txt", "x".repeat(300).getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("validation_file_too_large", JSON.readTree(r.body()).at("/data/files/code").asText());
    }

    @Test
    void aFileTheHandlerDropsFromTheRecordIsNotStored() throws Exception {
        HttpResponse<String> r = send("POST", "/api/collections/docs/records",
                new Part("files", "keep.txt", "kept".getBytes(StandardCharsets.UTF_8)),
                new Part("files", "drop.txt", "dropped".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode record = JSON.readTree(r.body());
        List<String> stored = names(record.get("files"));
        assertEquals(1, stored.size(), r.body());
        assertTrue(stored.getFirst().startsWith("keep_"), r.body());
        Path folder = tmp.resolve("pb_data/storage").resolve(collectionId()).resolve(record.get("id").asText());
        try (var files = Files.list(folder)) {
            // each stored file has its .attrs sidecar, as upstream's local filesystem keeps them
            assertEquals(List.of(stored.getFirst()), files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".attrs")).toList());
        }
    }

    @Test
    void theUpdateHookSeesOnlyTheNewUploadsAndTheFieldLimitStillApplies() throws Exception {
        HttpResponse<String> created = send("POST", "/api/collections/docs/records",
                new Part("files", "first.txt", "one".getBytes(StandardCharsets.UTF_8)));
        String id = JSON.readTree(created.body()).get("id").asText();
        UPDATED.clear();
        HttpResponse<String> r = send("PATCH", "/api/collections/docs/records/" + id,
                new Part("files+", "second.txt", "two!".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, UPDATED.size());
        assertEquals("second.txt", UPDATED.getFirst().originalName());
        assertEquals(4, UPDATED.getFirst().size());
        List<String> stored = names(JSON.readTree(r.body()).get("files"));
        assertEquals(2, stored.size());
        assertEquals(UPDATED.getFirst().name(), stored.get(1));
        // no handler vetoes here: the field's own 200-byte limit answers, checked after the hooks
        r = send("PATCH", "/api/collections/docs/records/" + id,
                new Part("files+", "third.txt", "y".repeat(250).getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("validation_file_size_limit", JSON.readTree(r.body()).at("/data/files/code").asText());
        assertFalse(UPDATED.stream().noneMatch(f -> f.originalName().equals("third.txt")));
    }

    private static String collectionId() {
        return app.collections().view("docs", RequestInfo.system()).id();
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    record Part(String name, String filename, byte[] bytes) {
    }

    private static HttpResponse<String> send(String method, String path, Part... parts) throws Exception {
        String boundary = "upl0adh00ks";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part p : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
                    + (p.filename() == null ? "" : "; filename=\"" + p.filename() + "\"") + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(p.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
