package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locket.Locket;
import dev.locket.application.hook.CollectionErrorEvent;
import dev.locket.application.hook.CollectionEvent;
import dev.locket.application.hook.Hook;
import dev.locket.application.hook.HookEvent;
import dev.locket.application.hook.Model;
import dev.locket.application.hook.ModelErrorEvent;
import dev.locket.application.hook.ModelEvent;
import dev.locket.application.hook.RecordAfterErrorEvent;
import dev.locket.application.hook.RecordCreateEvent;
import dev.locket.application.hook.RecordEvent;
import dev.locket.application.hook.RecordUpdateEvent;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.record.Record;
import dev.locket.domain.settings.MetaConfig;
import dev.locket.domain.settings.Settings;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model, record and collection lifecycle hooks of upstream's {@code core/app.go} and {@code OnRecordEnrich},
 * bound on the facade of one embedded Locket (a fixture copy, a real server on a free port) and driven over
 * HTTP: each fires with upstream's payload, the stages nest as upstream's {@code core/db.go} nests them
 * (validate inside create before execute, after-success once committed, after-error on a failed write or a
 * rolled-back transaction), handlers change the record, veto with a PocketBase error body, and tags narrow them.
 */
class ModelHooksIT {
    private static final String SU = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6InN5d2JoZWNuaDQ2cmhtMCIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoi"
            + "cGJjXzMxNDI2MzU4MjMiLCJleHAiOjI1MjQ2MDQ0NjEsInJlZnJlc2hhYmxlIjp0cnVlfQ.UXgO3j-0BumcugrFjbd7j0M4MQvbrLggLlcu_YNGjoY";
    private static final String SU_ID = "sywbhecnh46rhm0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path dir;
    private static Locket app;
    private static int port;
    private static CompletableFuture<Integer> exit;

    private final List<Runnable> unbinds = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Class.forName("org.sqlite.JDBC");
        dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        app = Locket.create();
        exit = CompletableFuture.supplyAsync(() -> app.start("serve", "--http", "127.0.0.1:0", "--dir", dir.toString()));
        port = app.awaitPort(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        exit.get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void unbind() {
        unbinds.forEach(Runnable::run);
    }

    @Test
    void recordCreateRunsUpstreamsNestedStagesAndAfterSuccessOnceCommitted() throws Exception {
        AtomicReference<ModelEvent> modelCreate = new AtomicReference<>();
        AtomicReference<ModelEvent> modelValidate = new AtomicReference<>();
        AtomicReference<RecordEvent> recordValidate = new AtomicReference<>();
        on(app.onModelCreate("demo2"), e -> {
            log.add("modelCreate(-100)");
            e.next();
        }, -100);
        trace("modelCreate", app.onModelCreate("demo2"), modelCreate);
        trace("recordCreate", app.onRecordCreate("demo2"), null);
        trace("modelValidate", app.onModelValidate("demo2"), modelValidate);
        trace("recordValidate", app.onRecordValidate("demo2"), recordValidate);
        trace("modelExecute", app.onModelCreateExecute("demo2"), null);
        trace("recordExecute", app.onRecordCreateExecute("demo2"), null);
        on(app.onRecordCreateExecute("demo2"), e -> {
            e.next();
            log.add("written, committed rows " + committedRows("stages"));
        });
        on(app.onRecordAfterCreateSuccess("demo2"), e -> {
            log.add("recordAfterSuccess " + e.action() + ", committed rows " + committedRows("stages"));
            e.next();
        });
        on(app.onModelAfterCreateSuccess("demo2"), e -> {
            log.add("modelAfterSuccess " + e.type() + " " + e.model().tableName());
            e.next();
        });
        on(app.onRecordAfterCreateError("demo2"), e -> {
            log.add("error");
            e.next();
        });

        JsonNode created = ok(call("POST", "/api/collections/demo2/records", null, "{\"title\":\"stages\"}"));

        assertEquals(List.of("modelCreate(-100)",
                "recordCreate>", "modelCreate>",
                "recordValidate>", "modelValidate>", "modelValidate<", "recordValidate<",
                "recordExecute>", "modelExecute>", "modelExecute<", "written, committed rows 0", "recordExecute<",
                "modelCreate<", "recordCreate<",
                "recordAfterSuccess CREATE, committed rows 1", "modelAfterSuccess CREATE demo2"), log);
        assertEquals(ModelEvent.Type.CREATE, modelCreate.get().type());
        Model.OfRecord model = assertInstanceOf(Model.OfRecord.class, modelCreate.get().model());
        assertEquals(created.get("id").asText(), model.record().id());
        assertEquals(ModelEvent.Type.VALIDATE, modelValidate.get().type());
        assertInstanceOf(RecordCreateEvent.class, recordValidate.get());
        assertEquals("demo2", recordValidate.get().collection().name());
        assertTrue(recordValidate.get().request().auth().isEmpty(), "a guest created it");
    }

    @Test
    void handlersChangeTheRecordAndTheValidateStageChecksTheirChange() throws Exception {
        on(app.onRecordCreate("demo2"), e -> {
            e.record(e.record().with("title", e.record().text("title") + " (hooked)"));
            e.next();
        });
        on(app.onRecordValidate("demo2"), e -> {
            if (e.record().text("title").startsWith("blank")) {
                e.record(e.record().with("title", ""));
            }
            e.next();
        });
        AtomicReference<RecordAfterErrorEvent> failed = new AtomicReference<>();
        on(app.onRecordAfterCreateError("demo2"), e -> {
            failed.set(e);
            e.next();
        });

        JsonNode created = ok(call("POST", "/api/collections/demo2/records", null, "{\"title\":\"changed\"}"));
        assertEquals("changed (hooked)", created.get("title").asText());
        assertEquals("1", query("SELECT count(*) FROM demo2 WHERE title = 'changed (hooked)'"));

        RawHttp.Response invalid = call("POST", "/api/collections/demo2/records", null, "{\"title\":\"blank\"}");
        assertEquals(400, invalid.status(), invalid.text());
        JsonNode body = JSON.readTree(invalid.text());
        assertEquals("Failed to create record.", body.get("message").asText());
        assertEquals("validation_required", body.at("/data/title/code").asText(), invalid.text());
        assertInstanceOf(ValidationFailed.class, failed.get().error());
        assertEquals("0", query("SELECT count(*) FROM demo2 WHERE title LIKE 'blank%'"));
    }

    @Test
    void throwingAnApiErrorVetoesWithItsPocketBaseBodyAndFiresAfterError() throws Exception {
        on(app.onRecordValidate("demo2"), e -> {
            if (e.record().text("title").equals("reserved")) {
                throw new BadRequest("Title is reserved.");
            }
            if (e.record().text("title").equals("custom")) {
                throw ValidationFailed.of("ignored", "title", FieldError.of("validation_custom", "Not this one."));
            }
            e.next();
        });
        AtomicReference<ModelErrorEvent> modelError = new AtomicReference<>();
        on(app.onModelAfterCreateError("demo2"), e -> {
            modelError.set(e);
            e.next();
        });

        RawHttp.Response vetoed = call("POST", "/api/collections/demo2/records", null, "{\"title\":\"reserved\"}");
        assertEquals(400, vetoed.status());
        assertEquals(JSON.readTree("{\"data\":{},\"message\":\"Title is reserved.\",\"status\":400}"),
                JSON.readTree(vetoed.text()));
        assertEquals("Title is reserved.", modelError.get().error().getMessage());
        assertEquals(ModelEvent.Type.CREATE, modelError.get().type());
        assertEquals("0", query("SELECT count(*) FROM demo2 WHERE title = 'reserved'"));

        RawHttp.Response field = call("POST", "/api/collections/demo2/records", null, "{\"title\":\"custom\"}");
        assertEquals(JSON.readTree("{\"data\":{\"title\":{\"code\":\"validation_custom\",\"message\":\"Not this one.\"}},"
                + "\"message\":\"Failed to create record.\",\"status\":400}"), JSON.readTree(field.text()));

        String id = ok(call("POST", "/api/collections/demo2/records", null, "{\"title\":\"kept\"}")).get("id").asText();
        on(app.onRecordDelete("demo2"), e -> {
            throw new Forbidden("Kept by a hook.");
        });
        AtomicReference<RecordAfterErrorEvent> deleteError = new AtomicReference<>();
        on(app.onRecordAfterDeleteError("demo2"), e -> {
            deleteError.set(e);
            e.next();
        });
        AtomicReference<ModelErrorEvent> modelDeleteError = new AtomicReference<>();
        on(app.onModelAfterDeleteError("demo2"), e -> {
            modelDeleteError.set(e);
            e.next();
        });
        RawHttp.Response kept = call("DELETE", "/api/collections/demo2/records/" + id, null, null);
        assertEquals(JSON.readTree("{\"data\":{},\"message\":\"Kept by a hook.\",\"status\":403}"),
                JSON.readTree(kept.text()));
        assertEquals(id, deleteError.get().record().id());
        assertEquals(ModelEvent.Type.DELETE, modelDeleteError.get().type());
        assertInstanceOf(Forbidden.class, modelDeleteError.get().error());
        assertEquals("1", query("SELECT count(*) FROM demo2 WHERE id = '" + id + "'"));
    }

    @Test
    void afterErrorFiresWhenTheWriteFailsOrItsTransactionRollsBack() throws Exception {
        on(app.onRecordCreateExecute("demo2"), e -> {
            e.next();
            if (e.record().text("title").equals("undone")) {
                throw new BadRequest("Failed after the insert.");
            }
        });
        on(app.onRecordAfterCreateSuccess("demo2"), e -> {
            log.add("success " + e.record().text("title"));
            e.next();
        });
        on(app.onRecordAfterCreateError("demo2"), e -> {
            log.add("error " + e.record().text("title") + ": " + e.error().getMessage());
            e.next();
        });

        RawHttp.Response undone = call("POST", "/api/collections/demo2/records", null, "{\"title\":\"undone\"}");
        assertEquals(400, undone.status(), undone.text());
        assertEquals("0", query("SELECT count(*) FROM demo2 WHERE title = 'undone'"));
        assertEquals(List.of("error undone: Failed after the insert."), log);

        String id = ok(call("POST", "/api/collections/demo2/records", null, "{\"title\":\"stays\"}")).get("id").asText();
        on(app.onRecordUpdateExecute("demo2"), e -> {
            e.next();
            throw new BadRequest("Failed after the update.");
        });
        AtomicReference<RecordAfterErrorEvent> updateError = new AtomicReference<>();
        on(app.onRecordAfterUpdateError("demo2"), e -> {
            updateError.set(e);
            e.next();
        });
        AtomicReference<ModelErrorEvent> modelUpdateError = new AtomicReference<>();
        on(app.onModelAfterUpdateError("demo2"), e -> {
            modelUpdateError.set(e);
            e.next();
        });
        assertEquals(400, call("PATCH", "/api/collections/demo2/records/" + id, null, "{\"title\":\"gone\"}").status());
        assertEquals("stays", query("SELECT title FROM demo2 WHERE id = '" + id + "'"));
        assertEquals("gone", updateError.get().record().text("title"));
        assertEquals("Failed after the update.", modelUpdateError.get().error().getMessage());
        assertEquals(ModelEvent.Type.UPDATE, modelUpdateError.get().type());

        // upstream: a write that succeeded inside a transaction which then failed gets its after-error hook
        log.clear();
        RawHttp.Response batch = call("POST", "/api/batch", SU, """
                {"requests":[
                  {"method":"POST","url":"/api/collections/demo2/records","body":{"title":"batch-first"}},
                  {"method":"POST","url":"/api/collections/demo2/records","body":{"title":""}}]}""");
        assertEquals(400, batch.status(), batch.text());
        assertEquals("0", query("SELECT count(*) FROM demo2 WHERE title = 'batch-first'"));
        // the second request fails in its validate stage (after-error at once), then the batch rolls the first back
        assertEquals(2, log.size(), log.toString());
        assertEquals("error : Failed to create record.", log.get(0));
        assertTrue(log.get(1).startsWith("error batch-first: "), log.toString());
    }

    @Test
    void anInvalidBodyReachesOnRecordValidateWhoseHandlersMayFixItBeforeTheBuiltInCheck() throws Exception {
        // upstream binds the field validation on OnRecordValidate at priority 99: handlers before it see the record
        // as submitted, invalid or not, handlers after it only a valid one, and a failure reaches after-error
        List<String> seen = new CopyOnWriteArrayList<>();
        on(app.onRecordValidate("demo2"), e -> {
            seen.add(e.record().text("title"));
            if (e.record().text("title").equals("x")) {
                e.record(e.record().with("title", "fixed by the hook"));
            }
            e.next();
        });
        on(app.onRecordValidate("demo2"), e -> {
            log.add("after the check: " + e.record().text("title"));
            e.next();
        }, 100);
        AtomicReference<RecordAfterErrorEvent> createError = new AtomicReference<>();
        on(app.onRecordAfterCreateError("demo2"), e -> {
            createError.set(e);
            e.next();
        });
        AtomicReference<RecordAfterErrorEvent> updateError = new AtomicReference<>();
        on(app.onRecordAfterUpdateError("demo2"), e -> {
            updateError.set(e);
            e.next();
        });

        JsonNode fixed = ok(call("POST", "/api/collections/demo2/records", null, "{\"title\":\"x\"}"));
        String id = fixed.get("id").asText();
        assertEquals("fixed by the hook", fixed.get("title").asText());
        assertEquals("fixed by the hook", query("SELECT title FROM demo2 WHERE id = '" + id + "'"));

        RawHttp.Response invalid = call("POST", "/api/collections/demo2/records", null, "{\"title\":\"\"}");
        assertEquals(400, invalid.status(), invalid.text());
        JsonNode body = JSON.readTree(invalid.text());
        assertEquals("Failed to create record.", body.get("message").asText());
        assertEquals("validation_required", body.at("/data/title/code").asText(), invalid.text());
        ValidationFailed createFailure = assertInstanceOf(ValidationFailed.class, createError.get().error());
        assertEquals("validation_required", ((FieldError) createFailure.errors().get("title")).code());
        assertEquals("", createError.get().record().text("title"));

        RawHttp.Response badUpdate = call("PATCH", "/api/collections/demo2/records/" + id, SU, "{\"title\":\"y\"}");
        assertEquals(400, badUpdate.status(), badUpdate.text());
        assertEquals("validation_min_text_constraint", JSON.readTree(badUpdate.text()).at("/data/title/code").asText(),
                badUpdate.text());
        assertInstanceOf(ValidationFailed.class, updateError.get().error());
        assertEquals(id, updateError.get().record().id());
        assertEquals("fixed by the hook", query("SELECT title FROM demo2 WHERE id = '" + id + "'"));

        assertEquals(List.of("x", "", "y"), seen);
        assertEquals(List.of("after the check: fixed by the hook"), log);
    }

    @Test
    void updateAndDeleteRunTheirStagesDeleteWithoutValidation() throws Exception {
        String id = ok(call("POST", "/api/collections/demo2/records", null, "{\"title\":\"before\"}")).get("id").asText();
        AtomicReference<RecordUpdateEvent> update = new AtomicReference<>();
        AtomicReference<ModelEvent> modelUpdate = new AtomicReference<>();
        trace("modelUpdate", app.onModelUpdate("demo2"), modelUpdate);
        trace("recordUpdate", app.onRecordUpdate("demo2"), null);
        trace("modelValidate", app.onModelValidate("demo2"), null);
        trace("recordValidate", app.onRecordValidate("demo2"), null);
        trace("modelUpdateExecute", app.onModelUpdateExecute("demo2"), null);
        trace("recordUpdateExecute", app.onRecordUpdateExecute("demo2"), null);
        on(app.onRecordUpdateExecute("demo2"), e -> {
            update.set(e);
            e.next();
        });
        on(app.onRecordAfterUpdateSuccess("demo2"), e -> {
            log.add("recordAfterUpdateSuccess " + e.record().text("title"));
            e.next();
        });
        on(app.onModelAfterUpdateSuccess("demo2"), e -> {
            log.add("modelAfterUpdateSuccess " + e.type());
            e.next();
        });

        ok(call("PATCH", "/api/collections/demo2/records/" + id, SU, "{\"title\":\"after\"}"));
        assertEquals(List.of("recordUpdate>", "modelUpdate>", "recordValidate>", "modelValidate>", "modelValidate<",
                "recordValidate<", "recordUpdateExecute>", "modelUpdateExecute>", "modelUpdateExecute<",
                "recordUpdateExecute<", "modelUpdate<", "recordUpdate<", "recordAfterUpdateSuccess after",
                "modelAfterUpdateSuccess UPDATE"), log);
        assertEquals("before", update.get().original().text("title"));
        assertEquals("after", update.get().record().text("title"));
        assertTrue(update.get().request().isSuperuser());
        assertEquals(ModelEvent.Type.UPDATE, modelUpdate.get().type());

        log.clear();
        AtomicReference<ModelEvent> modelDelete = new AtomicReference<>();
        trace("modelDelete", app.onModelDelete("demo2"), modelDelete);
        trace("recordDelete", app.onRecordDelete("demo2"), null);
        trace("modelDeleteExecute", app.onModelDeleteExecute("demo2"), null);
        trace("recordDeleteExecute", app.onRecordDeleteExecute("demo2"), null);
        on(app.onRecordAfterDeleteSuccess("demo2"), e -> {
            log.add("recordAfterDeleteSuccess " + e.record().id().equals(id));
            e.next();
        });
        on(app.onModelAfterDeleteSuccess("demo2"), e -> {
            log.add("modelAfterDeleteSuccess " + e.type());
            e.next();
        });
        assertEquals(204, call("DELETE", "/api/collections/demo2/records/" + id, null, null).status());
        assertEquals(List.of("recordDelete>", "modelDelete>", "recordDeleteExecute>", "modelDeleteExecute>",
                "modelDeleteExecute<", "recordDeleteExecute<", "modelDelete<", "recordDelete<",
                "recordAfterDeleteSuccess true", "modelAfterDeleteSuccess DELETE"), log);
        assertEquals(ModelEvent.Type.DELETE, modelDelete.get().type());
    }

    @Test
    void tagsNarrowHandlersToCollectionsAndModelTables() throws Exception {
        String demo2Id = query("SELECT id FROM _collections WHERE name = 'demo2'");
        on(app.onRecordCreate(demo2Id), e -> {
            log.add("by id " + e.collection().name());
            e.next();
        });
        on(app.onRecordCreate("DEMO2"), e -> {
            log.add("by name " + e.collection().name());
            e.next();
        });
        on(app.onRecordCreate("demo1"), e -> {
            log.add("other collection");
            e.next();
        });
        on(app.onModelCreate("_collections"), e -> {
            log.add("collections table");
            e.next();
        });
        on(app.onRecordCreate(), e -> {
            log.add("untagged");
            e.next();
        });
        on(app.onCollectionCreate("demo2"), e -> {
            log.add("collection tag");
            e.next();
        });

        ok(call("POST", "/api/collections/demo2/records", null, "{\"title\":\"tagged\"}"));
        assertEquals(List.of("by id demo2", "by name demo2", "untagged"), log);
    }

    @Test
    void collectionHooksRunTheSameStagesAsProxiesOfTheModelHooks() throws Exception {
        AtomicReference<CollectionEvent> created = new AtomicReference<>();
        AtomicReference<ModelEvent> model = new AtomicReference<>();
        trace("modelCreate", app.onModelCreate("_collections"), model);
        trace("collectionCreate", app.onCollectionCreate("hooked"), created);
        trace("collectionValidate", app.onCollectionValidate("hooked"), null);
        trace("collectionCreateExecute", app.onCollectionCreateExecute("hooked"), null);
        on(app.onModelCreate("demo2"), e -> {
            log.add("record tag");
            e.next();
        });
        on(app.onCollectionAfterCreateSuccess("hooked"), e -> {
            log.add("collectionAfterCreateSuccess " + e.collection().name() + " stored "
                    + committed("SELECT count(*) FROM _collections WHERE name = 'hooked'"));
            e.next();
        });
        ok(call("POST", "/api/collections", SU,
                "{\"name\":\"hooked\",\"type\":\"base\",\"listRule\":\"\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"}]}"));
        assertEquals(List.of("collectionCreate>", "modelCreate>", "collectionValidate>", "collectionValidate<",
                "collectionCreateExecute>", "collectionCreateExecute<", "modelCreate<", "collectionCreate<",
                "collectionAfterCreateSuccess hooked stored 1"), log);
        assertEquals("hooked", created.get().collection().name());
        assertInstanceOf(Model.OfCollection.class, model.get().model());
        assertEquals("_collections", model.get().model().tableName());

        log.clear();
        on(app.onCollectionUpdate("hooked"), e -> {
            log.add("update " + e.original().orElseThrow().rules().list().raw() + " -> "
                    + e.collection().rules().list().raw());
            e.next();
        });
        on(app.onCollectionUpdateExecute("hooked"), e -> {
            e.next();
            if ("id = 'x'".equals(e.collection().rules().list().raw())) {
                throw new BadRequest("Not this rule.");
            }
        });
        AtomicReference<CollectionErrorEvent> updateError = new AtomicReference<>();
        on(app.onCollectionAfterUpdateError("hooked"), e -> {
            updateError.set(e);
            e.next();
        });
        on(app.onCollectionAfterUpdateSuccess("hooked"), e -> {
            log.add("updated");
            e.next();
        });
        ok(call("PATCH", "/api/collections/hooked", SU, "{\"listRule\":\"id != ''\"}"));
        RawHttp.Response refused = call("PATCH", "/api/collections/hooked", SU, "{\"listRule\":\"id = 'x'\"}");
        assertEquals(JSON.readTree("{\"data\":{},\"message\":\"Not this rule.\",\"status\":400}"),
                JSON.readTree(refused.text()));
        assertEquals("Not this rule.", updateError.get().error().getMessage());
        assertEquals("id != ''", query("SELECT listRule FROM _collections WHERE name = 'hooked'"));
        assertEquals(List.of("update  -> id != ''", "collectionValidate>", "collectionValidate<", "updated",
                "update id != '' -> id = 'x'", "collectionValidate>", "collectionValidate<"), log);

        log.clear();
        on(app.onCollectionDelete("hooked"), e -> {
            log.add("delete " + e.collection().name());
            e.next();
        });
        on(app.onCollectionDeleteExecute("hooked"), e -> {
            log.add("deleteExecute");
            e.next();
        });
        on(app.onCollectionAfterDeleteSuccess("hooked"), e -> {
            log.add("deleted");
            e.next();
        });
        on(app.onCollectionAfterDeleteError("hooked"), e -> {
            log.add("delete error");
            e.next();
        });
        on(app.onCollectionCreateExecute("hooked"), e -> {
            log.add("wrong stage");
            e.next();
        });
        assertEquals(204, call("DELETE", "/api/collections/hooked", SU, null).status());
        assertEquals(List.of("delete hooked", "deleteExecute", "deleted"), log);
    }

    @Test
    void collectionValidationIsOnCollectionValidatesSystemHandlerSoEarlierHandlersCanFixTheCollection()
            throws Exception {
        String body = "{\"name\":\"fixable\",\"type\":\"base\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"},"
                + "{\"name\":\"bad name!\",\"type\":\"text\"}]}";
        RawHttp.Response invalid = call("POST", "/api/collections", SU, body);
        assertEquals(400, invalid.status(), invalid.text());
        assertTrue(JSON.readTree(invalid.text()).at("/data/fields").isObject(), invalid.text());

        // a handler at the default priority runs before upstream's built-in check (priority 99): it sees the
        // invalid definition and may fix it
        on(app.onCollectionValidate("fixable"), e -> {
            log.add("fields " + e.collection().fields().size());
            e.collection(e.collection().withFields(e.collection().fields().stream()
                    .filter(f -> !f.name().contains(" ")).toList()));
            e.next();
        });
        JsonNode fixed = ok(call("POST", "/api/collections", SU, body));

        assertEquals(List.of("fields 3"), log);
        List<String> names = new ArrayList<>();
        fixed.get("fields").forEach(f -> names.add(f.get("name").asText()));
        assertEquals(List.of("id", "title"), names);
    }

    @Test
    void collectionVetoesAnswerTheirErrorAndFireAfterError() throws Exception {
        on(app.onCollectionValidate("vetoed"), e -> {
            throw new BadRequest("No such collections.");
        });
        AtomicReference<CollectionErrorEvent> failed = new AtomicReference<>();
        on(app.onCollectionAfterCreateError("vetoed"), e -> {
            failed.set(e);
            e.next();
        });
        RawHttp.Response r = call("POST", "/api/collections", SU, "{\"name\":\"vetoed\",\"type\":\"base\"}");
        assertEquals(JSON.readTree("{\"data\":{},\"message\":\"No such collections.\",\"status\":400}"),
                JSON.readTree(r.text()));
        assertEquals("vetoed", failed.get().collection().name());
        assertEquals("0", query("SELECT count(*) FROM _collections WHERE name = 'vetoed'"));

        ok(call("POST", "/api/collections", SU, "{\"name\":\"doomed\",\"type\":\"base\"}"));
        on(app.onCollectionDeleteExecute("doomed"), e -> {
            e.next();
            throw new BadRequest("Keep it after all.");
        });
        AtomicReference<CollectionErrorEvent> deleteError = new AtomicReference<>();
        on(app.onCollectionAfterDeleteError("doomed"), e -> {
            deleteError.set(e);
            e.next();
        });
        RawHttp.Response kept = call("DELETE", "/api/collections/doomed", SU, null);
        assertEquals(JSON.readTree("{\"data\":{},\"message\":\"Keep it after all.\",\"status\":400}"),
                JSON.readTree(kept.text()));
        assertEquals("Keep it after all.", deleteError.get().error().getMessage());
        assertEquals("1", query("SELECT count(*) FROM _collections WHERE name = 'doomed'"));
    }

    @Test
    void recordEnrichChangesWhatEachRequesterIsSentInListsViewsAuthAndRealtime() throws Exception {
        String collectionId = ok(call("POST", "/api/collections", SU, """
                {"name":"enriched","type":"base","listRule":"","viewRule":"","createRule":"",
                 "fields":[{"name":"title","type":"text"},{"name":"secret","type":"text","hidden":true},
                           {"name":"score","type":"number"}]}""")).get("id").asText();
        // (only superusers may set a hidden field)
        String id = ok(call("POST", "/api/collections/enriched/records", SU,
                "{\"title\":\"t\",\"secret\":\"s\",\"score\":21}")).get("id").asText();
        JsonNode plain = ok(call("GET", "/api/collections/enriched/records/" + id, null, null));
        assertTrue(plain.has("title") && !plain.has("secret"), plain.toString());

        on(app.onRecordEnrich("enriched"), e -> {
            String requester = e.requestInfo().auth().map(Record::id).orElse("guest");
            e.hide("title").unhide("secret").set("score", ((Number) e.record().get("score")).doubleValue() * 2);
            e.set("requester", requester);
            e.withCustomData(!requester.equals(SU_ID));
            e.next();
        });
        JsonNode item = ok(call("GET", "/api/collections/enriched/records", null, null)).at("/items/0");
        assertFalse(item.has("title"), item.toString());
        assertEquals("s", item.get("secret").asText());
        assertEquals(42, item.get("score").asInt());
        assertEquals("guest", item.get("requester").asText());
        JsonNode viewed = ok(call("GET", "/api/collections/enriched/records/" + id, SU, null));
        assertEquals("s", viewed.get("secret").asText());
        assertFalse(viewed.has("requester"), "custom data only once allowed: " + viewed);

        try (SseStream sse = new SseStream(HttpClient.newHttpClient(), "http://127.0.0.1:" + port)) {
            Map<String, Object> subscribe = new LinkedHashMap<>();
            subscribe.put("clientId", sse.clientId);
            subscribe.put("subscriptions", List.of("enriched/*"));
            assertEquals(204, call("POST", "/api/realtime", null, JSON.writeValueAsString(subscribe)).status());
            ok(call("POST", "/api/collections/enriched/records", SU, "{\"title\":\"live\",\"secret\":\"x\",\"score\":1}"));
            JsonNode message = null;
            while (message == null) {
                SseStream.Message m = sse.next(10);
                if ("enriched/*".equals(m.event())) {
                    message = m.json().get("record");
                }
            }
            assertFalse(message.has("title"), message.toString());
            assertEquals("x", message.get("secret").asText());
            assertEquals("guest", message.get("requester").asText());
        }

        // expanded relations are enriched for the requester too
        ok(call("POST", "/api/collections", SU, """
                {"name":"enriched_refs","type":"base","listRule":"","createRule":"",
                 "fields":[{"name":"ref","type":"relation","collectionId":"%s","maxSelect":1}]}""".formatted(collectionId)));
        ok(call("POST", "/api/collections/enriched_refs/records", null, "{\"ref\":\"" + id + "\"}"));
        JsonNode expanded = ok(call("GET", "/api/collections/enriched_refs/records?expand=ref", null, null))
                .at("/items/0/expand/ref");
        assertEquals("s", expanded.get("secret").asText(), expanded.toString());
        assertFalse(expanded.has("title"), expanded.toString());

        on(app.onRecordEnrich("clients"), e -> {
            e.withCustomData(true).set("greeting", "hello " + e.record().text("email"));
            e.next();
        });
        JsonNode auth = ok(call("POST", "/api/collections/clients/auth-with-password", null,
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}"));
        assertEquals("hello test@example.com", auth.at("/record/greeting").asText(), auth.toString());
    }

    @Test
    void recordEnrichMayHideTheCollectionIdAndName() throws Exception {
        on(app.onRecordEnrich("demo2"), e -> {
            // upstream's e.Record.Hide(...): the last visibility asked for a name wins
            e.hide("collectionId", "collectionName").unhide("collectionId");
            e.next();
        });
        JsonNode created = ok(call("POST", "/api/collections/demo2/records", SU, "{\"title\":\"no name\"}"));
        assertFalse(created.has("collectionName"), created.toString());
        assertTrue(created.has("collectionId") && created.has("title"), created.toString());
        JsonNode viewed = ok(call("GET", "/api/collections/demo2/records/" + created.get("id").asText(), SU, null));
        assertFalse(viewed.has("collectionName"), viewed.toString());
        assertEquals(created.get("collectionId"), viewed.get("collectionId"));
        JsonNode other = ok(call("GET", "/api/collections/clients/records?perPage=1", SU, null)).at("/items/0");
        assertTrue(other.has("collectionName"), "other collections keep it: " + other);
    }

    @Test
    void savingTheSettingsRunsTheModelHooksOfParams() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        on(app.onModelUpdate("_params"), e -> {
            Settings s = ((Model.OfSettings) e.model()).settings();
            seen.add("update " + s.meta().appName());
            MetaConfig m = s.meta();
            e.model(new Model.OfSettings(s.withMeta(new MetaConfig(m.accentColor(), m.appName() + " (hooked)",
                    m.appURL(), m.senderName(), m.senderAddress(), m.hideControls()))));
            e.next();
        });
        on(app.onModelValidate("_params"), e -> {
            seen.add("validate " + ((Model.OfSettings) e.model()).settings().meta().appName());
            e.next();
        });
        on(app.onModelAfterUpdateSuccess("_params"), e -> {
            seen.add("saved " + e.model().tableName());
            e.next();
        });
        on(app.onModelAfterUpdateError("_params"), e -> {
            seen.add("failed " + e.error().getMessage());
            e.next();
        });
        on(app.onModelUpdate("_collections"), e -> {
            seen.add("not a settings save");
            e.next();
        });

        JsonNode saved = ok(call("PATCH", "/api/settings", SU, "{\"meta\":{\"appName\":\"Renamed\"}}"));
        assertEquals("Renamed (hooked)", saved.at("/meta/appName").asText(), saved.toString());
        assertEquals(List.of("update Renamed", "validate Renamed (hooked)", "saved _params"), seen);

        // a model hook's veto: upstream answers any failed settings save with this 400; nothing changes
        seen.clear();
        on(app.onModelUpdateExecute("_params"), e -> {
            throw new Forbidden("Settings are frozen.");
        });
        RawHttp.Response refused = call("PATCH", "/api/settings", SU, "{\"meta\":{\"appName\":\"Refused\"}}");
        assertEquals(400, refused.status(), refused.text());
        assertEquals("An error occurred while saving the new settings.",
                JSON.readTree(refused.text()).get("message").asText());
        assertEquals(List.of("update Refused", "validate Refused (hooked)", "failed Settings are frozen."), seen);
        assertEquals("Renamed (hooked)", ok(call("GET", "/api/settings", SU, null)).at("/meta/appName").asText());
    }

    @Test
    void requestLogsAreWrittenThroughTheModelHooksOfLogs() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        on(app.onModelCreate("_logs"), e -> {
            String message = e.model() instanceof Model.OfLog l ? l.log().message() : "not a log: " + e.model();
            if (message.contains("/demo2/records?marker=")) {
                seen.add(message.substring(message.indexOf("marker=")));
            }
            if (message.contains("/demo2/records?marker=dropped")) {
                return; // not calling next(): the entry is not written, as upstream
            }
            e.next();
        });
        String kept = "/api/collections/demo2/records?marker=kept";
        String dropped = "/api/collections/demo2/records?marker=dropped";
        call("GET", kept, null, null);
        call("GET", dropped, null, null);

        // the writer flushes every 3 s
        long deadline = System.currentTimeMillis() + 20_000;
        while ((seen.size() < 2 || logsFor(kept) == 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(Set.of("marker=kept", "marker=dropped"), Set.copyOf(seen));
        assertEquals(1, logsFor(kept));
        assertEquals(0, logsFor(dropped));
    }

    @Test
    void theExpiredOtpCleanupDeletesThroughTheRecordHooks() throws Exception {
        String clients = ok(call("GET", "/api/collections/clients", SU, null)).get("id").asText();
        String user = ok(call("GET", "/api/collections/clients/records?perPage=1", SU, null)).at("/items/0/id").asText();
        // an OTP issued an hour ago (the default OTP duration is 3 minutes), as a stale row left by a crash
        String old = "2020-01-01 10:00:00.000Z";
        execute("INSERT INTO _otps (id, collectionRef, recordRef, password, sentTo, created, updated) VALUES "
                + "('staleotp0000001', '" + clients + "', '" + user + "', 'x', '', '" + old + "', '" + old + "')");
        List<String> deleted = new CopyOnWriteArrayList<>();
        on(app.onRecordAfterDeleteSuccess("_otps"), e -> {
            deleted.add(e.record().id() + " of " + e.record().text("recordRef"));
            e.next();
        });

        assertEquals(204, call("POST", "/api/crons/__pbOTPCleanup__", SU, null).status());

        long deadline = System.currentTimeMillis() + 10_000;
        while (deleted.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of("staleotp0000001 of " + user), deleted);
        assertEquals("0", query("SELECT count(*) FROM _otps WHERE id = 'staleotp0000001'"));
    }

    @Test
    void aPasswordChangeDeletesTheRecordsMfasThroughTheRecordHooks() throws Exception {
        String[] user = authRowsOwner("mfa");
        List<String> deleted = new CopyOnWriteArrayList<>();
        on(app.onRecordAfterDeleteSuccess("_mfas"), e -> {
            deleted.add(e.record().id());
            e.next();
        });
        on(app.onRecordAfterDeleteSuccess("_authOrigins"), e -> {
            deleted.add(e.record().id());
            e.next();
        });
        // upstream's system handler wraps the update at priority 99: a default handler's changes are already in
        on(app.onRecordUpdate("clients"), e -> {
            log.add("mfas while updating " + committed("SELECT count(*) FROM _mfas WHERE recordRef = '" + user[1] + "'"));
            e.next();
        });

        ok(call("PATCH", "/api/collections/clients/records/" + user[1], SU,
                "{\"password\":\"n3w-Passw0rd\",\"passwordConfirm\":\"n3w-Passw0rd\"}"));

        assertEquals(List.of("mfas while updating 1"), log);
        assertEquals(List.of("mfa" + "0".repeat(12), "mfa" + "0".repeat(12)), deleted, "the MFA, then the known device");
        assertEquals("0", query("SELECT count(*) FROM _mfas WHERE recordRef = '" + user[1] + "'"));
        assertEquals("0", query("SELECT count(*) FROM _authOrigins WHERE recordRef = '" + user[1] + "'"));
    }

    @Test
    void aTokenKeyChangeDeletesTheRecordsOtpsButKeepsItsMfas() throws Exception {
        String[] user = authRowsOwner("otp");
        List<String> deleted = new CopyOnWriteArrayList<>();
        on(app.onRecordAfterDeleteSuccess("_otps"), e -> {
            deleted.add(e.record().id());
            e.next();
        });

        ok(call("PATCH", "/api/collections/clients/records/" + user[1], SU, "{\"name\":\"renamed\"}"));
        assertEquals(List.of(), deleted, "neither the password nor the tokenKey changed");

        ok(call("PATCH", "/api/collections/clients/records/" + user[1], SU, "{\"tokenKey\":\"a-new-token-key-0123456789abcdefghijkl\"}"));

        assertEquals(List.of("otp" + "0".repeat(12)), deleted);
        assertEquals("0", query("SELECT count(*) FROM _otps WHERE recordRef = '" + user[1] + "'"));
        assertEquals("1", query("SELECT count(*) FROM _mfas WHERE recordRef = '" + user[1] + "'"));
        assertEquals("1", query("SELECT count(*) FROM _authOrigins WHERE recordRef = '" + user[1] + "'"));
    }

    @Test
    void appApiWritesDoNotFireOnRecordEnrichOnlyTheApisResponsesDo() throws Exception {
        List<String> enriched = new CopyOnWriteArrayList<>();
        on(app.onRecordEnrich("demo2"), e -> {
            enriched.add(e.record().text("title"));
            e.next();
        });

        // upstream's app.Save hands the record back as saved: no enrichment
        Record created = app.createRecord("demo2", RecordBody.builder().set("title", "app-written").build());
        app.updateRecord("demo2", created.id(), RecordBody.builder().set("title", "app-updated").build());
        assertEquals(List.of(), enriched);

        ok(call("GET", "/api/collections/demo2/records/" + created.id(), SU, null));
        assertEquals(List.of("app-updated"), enriched);
    }

    /** A new client with one {@code _mfas} and one {@code _otps} row ({@code prefix000...}); {collectionId, id}. */
    private static String[] authRowsOwner(String prefix) throws Exception {
        String clients = ok(call("GET", "/api/collections/clients", SU, null)).get("id").asText();
        String id = ok(call("POST", "/api/collections/clients/records", SU, "{\"email\":\"" + prefix
                + "-rows@example.com\",\"password\":\"0ld-Passw0rd\",\"passwordConfirm\":\"0ld-Passw0rd\"}"))
                .get("id").asText();
        String now = "2030-01-01 10:00:00.000Z";
        String row = "'" + prefix + "0".repeat(12) + "', '" + clients + "', '" + id + "', ";
        execute("INSERT INTO _mfas (id, collectionRef, recordRef, method, created, updated) VALUES ("
                + row + "'password', '" + now + "', '" + now + "')");
        execute("INSERT INTO _otps (id, collectionRef, recordRef, password, sentTo, created, updated) VALUES ("
                + row + "'x', '', '" + now + "', '" + now + "')");
        execute("INSERT INTO _authOrigins (id, collectionRef, recordRef, fingerprint, created, updated) VALUES ("
                + row + "'f', '" + now + "', '" + now + "')");
        return new String[] {clients, id};
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private <E extends HookEvent> void on(Hook.Tagged<E> hook, Hook.Handler<E> handler) {
        on(hook, handler, 0);
    }

    private <E extends HookEvent> void on(Hook.Tagged<E> hook, Hook.Handler<E> handler, int priority) {
        String id = hook.bind(handler, priority);
        unbinds.add(() -> hook.unbind(id));
    }

    /** Logs "name>" before next() and "name<" after; keeps the event in {@code seen} when given. */
    private <E extends HookEvent> void trace(String name, Hook.Tagged<E> hook, AtomicReference<? super E> seen) {
        on(hook, e -> {
            if (seen != null) {
                seen.set(e);
            }
            log.add(name + ">");
            e.next();
            log.add(name + "<");
        });
    }

    /** The demo2 rows with this title a separate connection sees, i.e. what is committed. */
    private static String committedRows(String title) {
        return committed("SELECT count(*) FROM demo2 WHERE title = '" + title + "'");
    }

    /** {@link #query} from inside a handler, through a separate connection (it sees committed data only). */
    private static String committed(String sql) {
        try {
            return query(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many stored log entries are about a request to {@code url}. */
    private static int logsFor(String url) throws Exception {
        String filter = URLEncoder.encode("data.url = '" + url + "'", StandardCharsets.UTF_8);
        return ok(call("GET", "/api/logs?filter=" + filter, SU, null)).get("totalItems").asInt();
    }

    private static JsonNode ok(RawHttp.Response r) throws Exception {
        assertEquals(200, r.status(), r.text());
        return JSON.readTree(r.text());
    }

    private static RawHttp.Response call(String method, String path, String token, String body) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (token != null) {
            headers.put("Authorization", token);
        }
        return RawHttp.exchange(port, method, path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private static String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
