package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.locket.AppApi;
import dev.locket.Locket;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.out.MailMessage;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.file.FileKeys;
import dev.locket.domain.record.Record;
import dev.locket.domain.settings.MetaConfig;
import dev.locket.domain.settings.Secret;
import dev.locket.domain.settings.SmtpConfig;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app API on an embedded server with a real SQLite file: collections and records found, saved and deleted in
 * Java with the HTTP API's validation, hooks, realtime events and file storage; filters with bound parameters;
 * modifiers; expand; transactions that commit whole or leave nothing; mailer, settings and the file store. One
 * server serves every test (each uses collections of its own).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"));

    @TempDir
    static Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private Locket app;
    private CompletableFuture<Integer> exit;
    private String base;

    @BeforeAll
    void serve() throws Exception {
        app = Locket.create();
        exit = CompletableFuture.supplyAsync(() -> app.start("serve", "--http", "127.0.0.1:0", "--dir",
                tmp.resolve("pb_data").toString()));
        base = "http://127.0.0.1:" + app.awaitPort(60, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        app.stop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    private static TextField text(String name, boolean required) {
        return new TextField(FieldMeta.named(name), required, 0, 0, "", "", false);
    }

    /** A public base collection {@code name} with a required title, a number and a multi select. */
    private Collection posts(String name) {
        return app.saveCollection(CollectionDraft.base(name)
                .field(text("title", true))
                .field(new NumberField(FieldMeta.named("count"), false, null, null, false))
                .field(new SelectField(FieldMeta.named("tags"), false, List.of("a", "b", "c"), 3))
                .listRule("").viewRule(""));
    }

    private Record post(String collection, String title) {
        return app.createRecord(collection, RecordBody.builder().set("title", title).build());
    }

    @Test
    void collectionsAreFoundSavedAndDeletedAsTheSystemCaller() {
        Collection created = posts("notes");
        assertEquals(created.id(), app.findCollectionByNameOrId("NOTES").id(), "names match case-insensitively");
        assertEquals("notes", app.findCollectionByNameOrId(created.id()).name());
        assertTrue(app.findAllCollections(CollectionType.BASE).stream().anyMatch(c -> c.name().equals("notes")));
        assertTrue(app.findAllCollections(CollectionType.AUTH).stream().allMatch(c -> c.type() == CollectionType.AUTH));
        assertTrue(app.findAllCollections().stream().anyMatch(c -> c.name().equals("_superusers")));

        Collection changed = app.saveCollection(CollectionDraft.changes().name("notes").field(text("title", true))
                .field(text("body", false)));
        assertEquals(created.id(), changed.id(), "a draft naming a stored collection updates it");
        assertTrue(changed.field("body").isPresent());
        assertFalse(changed.field("count").isPresent(), "the draft's fields are the collection's fields");

        app.deleteCollection("notes");
        assertThrows(NotFound.class, () -> app.findCollectionByNameOrId("notes"));
        assertThrows(ValidationFailed.class, () -> app.saveCollection(CollectionDraft.base("bad name!")));
    }

    @Test
    void recordsAreFoundByIdIdsFilterDataEmailAndCounted() throws Exception {
        posts("finds");
        Record one = post("finds", "one");
        Record two = post("finds", "two");
        post("finds", "three");

        assertEquals("one", app.findRecordById("finds", one.id()).get("title"));
        assertThrows(NotFound.class, () -> app.findRecordById("finds", "missing"));
        assertEquals(Set.of(one.id(), two.id()), new HashSet<>(app.findRecordsByIds("finds",
                List.of(one.id(), two.id(), "missing")).stream().map(Record::id).toList()));
        assertEquals(List.of("one", "three"), app.findRecordsByFilter("finds", "title ~ {:part}", "title", 10, 0,
                Map.of("part", "e")).stream().map(r -> r.get("title")).toList());
        assertEquals(List.of("three"), app.findRecordsByFilter("finds", "", "-title", 1, 1).stream()
                .map(r -> r.get("title")).toList(), "limit and offset");
        assertEquals(two.id(), app.findFirstRecordByFilter("finds", "title = {:t}", Map.of("t", "two")).id());
        assertThrows(NotFound.class, () -> app.findFirstRecordByFilter("finds", "title = 'none'", Map.of()));
        assertEquals(one.id(), app.findFirstRecordByData("finds", "title", "one").id());
        assertThrows(IllegalArgumentException.class, () -> app.findFirstRecordByData("finds", "nope", "one"));
        assertEquals(3, app.countRecords("finds", "", Map.of()));
        assertEquals(2, app.countRecords("finds", "title != {:t}", Map.of("t", "two")));
        assertThrows(BadRequest.class, () -> app.countRecords("finds", "nope = 1", Map.of()));

        Record alice = app.createRecord("users", RecordBody.builder().set("email", "Alice@Example.com")
                .set("password", "alice-pass-1").set("passwordConfirm", "alice-pass-1").build());
        assertEquals(alice.id(), app.findAuthRecordByEmail("users", "Alice@Example.com").id());
        assertThrows(NotFound.class, () -> app.findAuthRecordByEmail("users", "alice@example.com"),
                "as upstream, case matters unless the unique email index is COLLATE NOCASE");
        assertThrows(NotFound.class, () -> app.findAuthRecordByEmail("users", "bob@example.com"));
        assertThrows(NotFound.class, () -> app.findAuthRecordByEmail("finds", "alice@example.com"));

        Record bob = app.saveRecord(new Record(alice.collection(), Map.of("email", "bob@example.com",
                "password", "bob-pass-1")));
        app.saveRecord(bob.with("password", "bob-pass-2").with("name", "Bob"));
        assertEquals("Bob", app.findAuthRecordByEmail("users", "bob@example.com").get("name"));
        HttpResponse<String> login = send("POST", "/api/collections/users/auth-with-password",
                "{\"identity\":\"bob@example.com\",\"password\":\"bob-pass-2\"}");
        assertEquals(200, login.statusCode(), "saveRecord set the new password: " + login.body());
    }

    @Test
    void parametersAreBoundAsQuotedTextsSoInputNeverBecomesFilterSyntax() {
        posts("quoted");
        Record tricky = post("quoted", "it's a \"quote\"");
        post("quoted", "other");
        String injection = "x\" || title != \"";
        assertEquals(List.of(), app.findRecordsByFilter("quoted", "title = {:title}", "", 10, 0,
                Map.of("title", injection)), "the value is one text, not an || expression");
        assertEquals(0, app.countRecords("quoted", "title = {:title}", Map.of("title", "' || 1=1 || '")));
        assertEquals(tricky.id(), app.findFirstRecordByFilter("quoted", "title = {:title}",
                Map.of("title", "it's a \"quote\"")).id());
        assertEquals(2, app.countRecords("quoted", "count = {:n} && title != {:t}", Map.of("n", 0, "t", "")),
                "numbers are written as numbers");
    }

    @Test
    void badDataIsRefusedWithPocketBaseValidationErrors() {
        posts("checked");
        ValidationFailed missing = assertThrows(ValidationFailed.class,
                () -> app.createRecord("checked", RecordBody.builder().set("count", 1).build()));
        assertEquals("validation_required", ((FieldError) missing.errors().get("title")).code());
        ValidationFailed badOption = assertThrows(ValidationFailed.class, () -> app.createRecord("checked",
                RecordBody.builder().set("title", "x").set("tags", List.of("zzz")).build()));
        assertTrue(badOption.errors().containsKey("tags"), badOption.errors().toString());
        assertEquals(0, app.countRecords("checked", "", Map.of()));
        Record r = post("checked", "ok");
        assertThrows(ValidationFailed.class, () -> app.updateRecord("checked", r.id(),
                RecordBody.builder().set("title", "").build()));
        assertEquals("ok", app.findRecordById("checked", r.id()).get("title"));
    }

    @Test
    void facadeWritesFireTheModelHooksAndAfterSuccessHooks() {
        posts("hooked");
        List<String> seen = new CopyOnWriteArrayList<>();
        String create = app.hooks().onRecordCreate("hooked").bind(e -> {
            seen.add("create " + e.record().get("title"));
            e.record(e.record().with("title", e.record().get("title") + "!"));
            e.next();
        });
        String after = app.hooks().onRecordAfterCreateSuccess("hooked").bind(e -> {
            seen.add("after " + e.record().get("title"));
            e.next();
        });
        String delete = app.hooks().onRecordDelete("hooked").bind(e -> {
            seen.add("delete " + e.record().get("title"));
            e.next();
        });
        try {
            Record saved = post("hooked", "hi");
            assertEquals("hi!", saved.get("title"), "the hook changed the record that was stored");
            app.deleteRecord(saved);
            assertEquals(List.of("create hi", "after hi!", "delete hi!"), seen);
        } finally {
            app.hooks().onRecordCreate().unbind(create);
            app.hooks().onRecordAfterCreateSuccess().unbind(after);
            app.hooks().onRecordDelete().unbind(delete);
        }
    }

    @Test
    void facadeWritesAreUpstreamsAppSaveModelHooksOnlyAndNoFormChecks() throws Exception {
        app.saveCollection(CollectionDraft.base("saved").field(text("title", true)).listRule("").viewRule("")
                .createRule(""));
        List<String> seen = new CopyOnWriteArrayList<>();
        var hooks = app.hooks();
        List<Runnable> unbind = List.of(
                unbinder(hooks.onRecordCreateRequest("saved").bind(e -> {
                    seen.add("createRequest");
                    e.next();
                }), hooks.onRecordCreateRequest()::unbind),
                unbinder(hooks.onRecordUpdateRequest("saved").bind(e -> {
                    seen.add("updateRequest");
                    e.next();
                }), hooks.onRecordUpdateRequest()::unbind),
                unbinder(hooks.onRecordDeleteRequest("saved").bind(e -> {
                    seen.add("deleteRequest");
                    e.next();
                }), hooks.onRecordDeleteRequest()::unbind),
                unbinder(hooks.onRecordCreate("saved").bind(e -> {
                    seen.add("create");
                    e.next();
                }), hooks.onRecordCreate()::unbind),
                unbinder(hooks.onRecordUpdate("saved").bind(e -> {
                    seen.add("update");
                    e.next();
                }), hooks.onRecordUpdate()::unbind),
                unbinder(hooks.onRecordDelete("saved").bind(e -> {
                    seen.add("delete");
                    e.next();
                }), hooks.onRecordDelete()::unbind));
        try {
            Record r = post("saved", "one");
            app.updateRecord("saved", r.id(), RecordBody.builder().set("title", "two").build());
            app.deleteRecord(r);
            assertEquals(List.of("create", "update", "delete"), seen, "app.Save fires no request hooks");

            seen.clear();
            HttpResponse<String> created = send("POST", "/api/collections/saved/records", "{\"title\":\"api\"}");
            assertEquals(200, created.statusCode(), created.body());
            assertEquals(List.of("createRequest", "create"), seen, "the records API fires both");
        } finally {
            unbind.forEach(Runnable::run);
        }

        // app.Save has none of the records API's form checks: a password needs no passwordConfirm
        app.createRecord("users", RecordBody.builder().set("email", "carol@example.com")
                .set("password", "carol-pass-1").build());
        HttpResponse<String> login = send("POST", "/api/collections/users/auth-with-password",
                "{\"identity\":\"carol@example.com\",\"password\":\"carol-pass-1\"}");
        assertEquals(200, login.statusCode(), login.body());
    }

    private static Runnable unbinder(String id, Consumer<String> unbind) {
        return () -> unbind.accept(id);
    }

    @Test
    void aFacadeWriteReachesARealtimeSubscriberOverSse() throws Exception {
        posts("live");
        try (SseStream sse = new SseStream(http, base)) {
            HttpResponse<String> sub = send("POST", "/api/realtime", JSON.writeValueAsString(
                    Map.of("clientId", sse.clientId, "subscriptions", List.of("live"))));
            assertEquals(204, sub.statusCode(), sub.body());
            Record[] r = new Record[1];
            SseStream.Message create = nextOn(sse, "live", () -> r[0] = post("live", "hello"));
            assertEquals("create", create.json().get("action").asText());
            assertEquals(r[0].id(), create.json().get("record").get("id").asText());
            SseStream.Message update = nextOn(sse, "live", () -> app.updateRecord("live", r[0].id(),
                    RecordBody.builder().set("title", "changed").build()));
            assertEquals("update", update.json().get("action").asText());
            assertEquals("changed", update.json().get("record").get("title").asText());
        }
    }

    /** Runs {@code write} and returns the next message of {@code topic}. */
    private static SseStream.Message nextOn(SseStream sse, String topic, Runnable write) throws Exception {
        write.run();
        for (SseStream.Message m = sse.next(10); ; m = sse.next(10)) {
            if (topic.equals(m.event())) {
                return m;
            }
            assertFalse("EOF".equals(m.event()), "the stream ended");
        }
    }

    @Test
    void runInTransactionCommitsEverythingOrLeavesNothing() throws Exception {
        posts("txs");
        app.saveCollection(CollectionDraft.base("txfiles").field(text("title", false))
                .field(new FileField(FieldMeta.named("doc"), false, 1, 0, List.of(), List.of(), false)));
        AtomicInteger afterCreate = new AtomicInteger();
        String after = app.hooks().onRecordAfterCreateSuccess("txs").bind(e -> {
            afterCreate.incrementAndGet();
            e.next();
        });
        try (SseStream sse = new SseStream(http, base)) {
            assertEquals(204, send("POST", "/api/realtime", JSON.writeValueAsString(
                    Map.of("clientId", sse.clientId, "subscriptions", List.of("txs")))).statusCode());
            String[] stored = new String[1];
            IllegalStateException boom = assertThrows(IllegalStateException.class, () -> app.runInTransaction(tx -> {
                Record a = tx.createRecord("txs", RecordBody.builder().set("title", "a").build());
                tx.updateRecord("txs", a.id(), RecordBody.builder().set("title", "a2").build());
                assertEquals("a2", tx.findRecordById("txs", a.id()).get("title"), "the transaction reads its writes");
                Record f = tx.createRecord("txfiles", RecordBody.builder()
                        .file(UploadedFile.fromBytes("doc", "x.txt", "x".getBytes(StandardCharsets.UTF_8))).build());
                stored[0] = FileKeys.recordPrefix(f.collection().id(), f.id());
                assertTrue(tx.fileStore().stat(FileKeys.file(f.collection().id(), f.id(), f.text("doc"))).isPresent());
                throw new IllegalStateException("boom");
            }));
            assertEquals("boom", boom.getMessage());
            assertEquals(0, app.countRecords("txs", "", Map.of()), "rolled back");
            assertEquals(0, app.countRecords("txfiles", "", Map.of()));
            assertEquals(0, afterCreate.get(), "no after-success hook for writes that were undone");
            assertTrue(app.fileStore().stat(stored[0] + "x.txt").isEmpty());

            AtomicInteger seenInside = new AtomicInteger(-1);
            app.runInTransaction(tx -> {
                tx.createRecord("txs", RecordBody.builder().set("title", "b").build());
                tx.createRecord("txs", RecordBody.builder().set("title", "c").build());
                seenInside.set(afterCreate.get());
            });
            assertEquals(0, seenInside.get(), "after-success hooks wait for the commit");
            assertEquals(2, afterCreate.get());
            assertEquals(2, app.countRecords("txs", "", Map.of()));
            Set<String> titles = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                SseStream.Message m = nextOn(sse, "txs", () -> { });
                titles.add(m.json().get("record").get("title").asText());
            }
            assertEquals(Set.of("b", "c"), titles, "realtime events of the committed writes");

            assertThrows(AppApi.TransactionFailed.class, () -> app.runInTransaction(tx -> {
                tx.createRecord("txs", RecordBody.builder().set("title", "d").build());
                throw new java.io.IOException("checked");
            }));
            assertEquals(2, app.countRecords("txs", "", Map.of()));
        } finally {
            app.hooks().onRecordAfterCreateSuccess().unbind(after);
        }
    }

    @Test
    void filesFromBytesPathAndStreamAreStoredAndServed() throws Exception {
        app.saveCollection(CollectionDraft.base("docs").field(text("title", false))
                .field(new FileField(FieldMeta.named("files"), false, 5, 0, List.of(), List.of(), false))
                .listRule("").viewRule(""));
        Path onDisk = tmp.resolve("report.txt");
        Files.writeString(onDisk, "from a path");
        InputStream stream = new ByteArrayInputStream("from a stream".getBytes(StandardCharsets.UTF_8));
        Record r = app.createRecord("docs", RecordBody.builder().set("title", "t")
                .file(UploadedFile.fromBytes("files", "bytes.txt", "from bytes".getBytes(StandardCharsets.UTF_8)),
                        UploadedFile.fromPath("files", onDisk),
                        UploadedFile.fromStream("files+", "stream.txt", stream))
                .build());
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) r.get("files");
        assertEquals(3, names.size(), String.valueOf(names));
        List<String> bodies = new java.util.ArrayList<>();
        for (String name : names) {
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(base + "/api/files/docs/"
                    + r.id() + "/" + name)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, served.statusCode());
            bodies.add(served.body());
        }
        assertEquals(Set.of("from bytes", "from a path", "from a stream"), new HashSet<>(bodies));

        String key = FileKeys.file(r.collection().id(), r.id(), names.getFirst());
        try (InputStream in = app.fileStore().open(key, 0)) {
            assertArrayEquals(bodies.getFirst().getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        Record fewer = app.updateRecord("docs", r.id(), RecordBody.builder().remove("files", names.getFirst()).build());
        assertEquals(names.subList(1, 3), fewer.get("files"), "files- removes one");
        assertTrue(app.fileStore().stat(key).isEmpty(), "and deletes its file");
    }

    @Test
    void modifiersAddToNumbersAndAppendPrependAndRemoveValues() {
        posts("mods");
        Record r = app.createRecord("mods", RecordBody.builder().set("title", "m").set("count", 5)
                .set("tags", List.of("b")).build());
        Record changed = app.updateRecord("mods", r.id(), RecordBody.builder().append("count", 2)
                .append("tags", "c").prepend("tags", "a").build());
        assertEquals(7.0, ((Number) changed.get("count")).doubleValue());
        assertEquals(List.of("a", "b", "c"), changed.get("tags"));
        Record less = app.updateRecord("mods", r.id(), RecordBody.builder().remove("count", 10)
                .remove("tags", List.of("a", "c")).build());
        assertEquals(-3.0, ((Number) less.get("count")).doubleValue());
        assertEquals(List.of("b"), less.get("tags"));

        Record saved = app.saveRecord(less.with("title", "renamed"));
        assertEquals("renamed", app.findRecordById("mods", r.id()).get("title"), "saveRecord updates a stored one");
        assertEquals(List.of("b"), saved.get("tags"));
        Record fresh = app.saveRecord(new Record(saved.collection(), Map.of("title", "new one")));
        assertEquals("new one", app.findRecordById("mods", fresh.id()).get("title"), "and creates a new one");
    }

    @Test
    void expandFillsRelationsAndBackRelations() {
        Collection authors = posts("authors");
        app.saveCollection(CollectionDraft.base("books").field(text("title", true))
                .field(new RelationField(FieldMeta.named("author"), false, authors.id(), false, 0, 1)));
        Record ann = post("authors", "Ann");
        Record book = app.createRecord("books", RecordBody.builder().set("title", "B1").set("author", ann.id())
                .build());
        Record expanded = app.expandRecord(app.findRecordById("books", book.id()), "author");
        assertEquals("Ann", ((Record) expanded.expand().get("author")).get("title"));
        Record back = app.expandRecords(List.of(ann), "books_via_author").getFirst();
        @SuppressWarnings("unchecked")
        List<Record> books = (List<Record>) back.expand().get("books_via_author");
        assertEquals(List.of("B1"), books.stream().map(b -> b.get("title")).toList());
        assertEquals(ann, app.expandRecord(ann, "nope"), "paths that do not resolve are skipped");
    }

    @Test
    void settingsAreSavedAndTheMailerSendsThroughTheirSmtpServer() throws Exception {
        app.saveSettings(s -> s.withSmtp(new SmtpConfig(true, mail.getSmtp().getPort(), "127.0.0.1", "mailer",
                Secret.of("s3cret"), SmtpConfig.AUTH_PLAIN, false, ""))
                .withMeta(new MetaConfig(s.meta().accentColor(), "Api IT", s.meta().appURL(), "Api Support",
                        "support@api.test", s.meta().hideControls())));
        assertEquals("Api IT", app.settings().meta().appName());
        assertThrows(ValidationFailed.class, () -> app.saveSettings(s -> s.withMeta(new MetaConfig(
                s.meta().accentColor(), "", s.meta().appURL(), "x", "not an email", false))));
        assertEquals("Api IT", app.settings().meta().appName(), "an invalid save changes nothing");

        var meta = app.settings().meta();
        app.mailer().send(new MailMessage(meta.senderName(), meta.senderAddress(), "bob@example.com", "Hello",
                "<p>Hi Bob</p>"));
        assertTrue(mail.waitForIncomingEmail(10_000, 1));
        MimeMessage got = mail.getReceivedMessages()[0];
        assertEquals("Hello", got.getSubject());
        assertTrue(got.getFrom()[0].toString().contains("support@api.test"));
        assertTrue(GreenMailUtil.getBody(got).contains("Hi Bob"));
    }

    @Test
    void publishSendsACustomTopicToItsSubscribers() throws Exception {
        try (SseStream sse = new SseStream(http, base)) {
            assertEquals(204, send("POST", "/api/realtime", JSON.writeValueAsString(
                    Map.of("clientId", sse.clientId, "subscriptions", List.of("news")))).statusCode());
            assertEquals(1, app.publish("news", Map.of("n", 1)));
            SseStream.Message m = nextOn(sse, "news", () -> { });
            assertEquals(1, m.json().get("n").asInt());
        }
    }

    @Test
    void aFailingMigrationRunLeavesNothingBehindAndRunsWholeOnceFixed() throws Exception {
        Path dir = tmp.resolve("migrated");
        Path migrations = tmp.resolve("migrations");
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("1712345670_snap.json"), """
                {"up": {"collections": [{"name": "mig_snap", "type": "base",
                        "fields": [{"name": "title", "type": "text"}]}], "deleteMissing": false},
                 "down": {"collections": [], "deleteMissing": false}}
                """);
        boolean[] broken = {true};
        java.util.function.Supplier<Locket> withMigrations = () -> {
            Locket m = Locket.create();
            m.migrations().register("1712345678_first", a -> {
                a.saveCollection(CollectionDraft.base("mig_one").field(text("title", false)));
                a.createRecord("mig_one", RecordBody.builder().set("title", "x").build());
            }, null);
            m.migrations().register("1712345679_second", a -> {
                a.saveCollection(CollectionDraft.base("mig_two").field(text("title", false)));
                if (broken[0]) {
                    throw new IllegalStateException("broken");
                }
            }, null);
            return m;
        };
        String[] up = {"migrate", "up", "--dir", dir.toString(), "--migrationsDir", migrations.toString()};
        assertEquals(1, withMigrations.get().start(up));
        Locket check = Locket.create();
        check.bootstrap(dir);
        try {
            for (String name : List.of("mig_snap", "mig_one", "mig_two")) {
                assertThrows(NotFound.class, () -> check.findCollectionByNameOrId(name), name + " rolled back");
            }
        } finally {
            check.stop();
        }
        assertEquals(List.of(), applied(dir), "no _migrations row of the failed run");

        broken[0] = false;
        assertEquals(0, withMigrations.get().start(up));
        Locket after = Locket.create();
        after.bootstrap(dir);
        try {
            assertEquals(1, after.countRecords("mig_one", "", Map.of()));
            assertEquals("mig_two", after.findCollectionByNameOrId("mig_two").name());
            assertEquals("mig_snap", after.findCollectionByNameOrId("mig_snap").name());
        } finally {
            after.stop();
        }
        assertEquals(List.of("1712345670_snap.json", "1712345678_first", "1712345679_second"), applied(dir));
    }

    private static List<String> applied(Path dir) throws Exception {
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             var rs = db.createStatement().executeQuery(
                     "SELECT file FROM _migrations WHERE file LIKE '17123456%' ORDER BY file")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
