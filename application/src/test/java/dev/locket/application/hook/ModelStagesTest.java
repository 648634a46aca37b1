package dev.locket.application.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.application.port.out.LogEntry;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.record.Record;
import dev.locket.domain.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream's nesting of the model stages and of the record/collection proxies (core/db.go, record_model.go). */
class ModelStagesTest {
    private final Hooks hooks = new Hooks();
    private final ModelStages stages = new ModelStages(hooks);
    private final List<String> log = new ArrayList<>();
    private final Collection posts = new BaseCollection("pbc_posts", "posts", false, List.of(),
            CollectionRules.locked(), List.of(), "", "");

    @Test
    void modelHandlersBeforeTheProxyPriorityRunFirstTheOthersInsideTheRecordChain() {
        hooks.model().onModelCreate().bind(e -> trace("model-100", e), -100);
        hooks.model().onModelCreate().bind(e -> trace("model0", e));
        hooks.onRecordCreate().bind(e -> trace("record", e));
        hooks.onRecordValidate().bind(e -> trace("recordValidate", e));
        hooks.onRecordCreateExecute().bind(e -> trace("recordExecute", e));

        stages.create(create("a"), () -> log.add("check"), () -> log.add("insert"));

        assertEquals(List.of("model-100>", "record>", "model0>", "recordValidate>", "check", "recordValidate<",
                "recordExecute>", "insert", "recordExecute<", "model0<", "record<", "model-100<"), log);
    }

    @Test
    void theRecordCheckIsTheValidateHandlerAtPriority99SoEarlierHandlersMayFixTheRecord() {
        hooks.onRecordValidate().bind(e -> {
            e.record(e.record().with("title", "fixed"));
            trace("before", e);
        });
        hooks.onRecordValidate().bind(e -> trace("after", e), ModelHooks.VALIDATION_PRIORITY + 1);
        hooks.model().onModelValidate().bind(e -> trace("model", e));
        RecordCreateEvent event = create("a");

        stages.create(event, () -> log.add("check " + event.record().text("title")), () -> log.add("insert"));
        assertEquals(List.of("before>", "check fixed", "after>", "model>", "model<", "after<", "before<", "insert"),
                log);

        log.clear();
        IllegalStateException invalid = new IllegalStateException("invalid");
        assertEquals(invalid, assertThrows(IllegalStateException.class, () -> stages.create(create("b"), () -> {
            throw invalid;
        }, () -> log.add("insert"))));
        assertEquals(List.of("before>"), log, "a failed check stops the chain before the later handlers and the write");
    }

    @Test
    void theModelAndTheRecordEventAreOne() {
        hooks.model().onModelCreate().bind(e -> {
            Model.OfRecord m = (Model.OfRecord) e.model();
            e.model(new Model.OfRecord(m.record().with("title", "from model")));
            e.next();
        });
        RecordCreateEvent event = create("a");

        stages.create(event, null, () -> log.add(event.record().text("title")));

        assertEquals(List.of("from model"), log);
        assertThrows(IllegalArgumentException.class,
                () -> new ModelEvent(ModelEvent.Type.CREATE, event).model(new Model.OfCollection(posts)));
    }

    @Test
    void theSettingsGoThroughTheModelStagesAloneTaggedParams() {
        hooks.model().onModelUpdate("_params").bind(e -> {
            Settings s = ((Model.OfSettings) e.model()).settings();
            e.model(new Model.OfSettings(s.withSuperuserIPs(List.of("10.0.0.1"))));
            trace("update", e);
        });
        hooks.model().onModelValidate("_params").bind(e -> trace("validate", e));
        hooks.model().onModelUpdate("_logs", "posts").bind(e -> trace("other tags", e));
        hooks.onRecordUpdate().bind(e -> trace("record proxy", e));
        hooks.model().onModelAfterUpdateSuccess("_params").bind(e -> trace("saved", e));
        ModelEvent write = new ModelEvent(ModelEvent.Type.UPDATE, new Model.OfSettings(Settings.defaults()));

        stages.save(write, m -> log.add("check " + ips(m)), m -> log.add("write " + ips(m)));
        stages.succeeded(write);

        assertEquals(List.of("update>", "validate>", "check [10.0.0.1]", "validate<", "write [10.0.0.1]", "update<",
                "saved>", "saved<"), log);
        assertThrows(IllegalArgumentException.class, () -> write.model(new Model.OfLog(
                new LogEntry("id", "", 0, "m", Map.of()))));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelEvent(ModelEvent.Type.CREATE, new Model.OfCollection(posts)));
    }

    private static List<String> ips(Model m) {
        return ((Model.OfSettings) m).settings().superuserIPs();
    }

    @Test
    void noValidationMeansNoValidateStageAndDeletesHaveNone() {
        hooks.model().onModelValidate().bind(e -> trace("validate", e));

        stages.update(new RecordUpdateEvent(posts, record("a"), record("b"), null), null, () -> log.add("update"));
        stages.delete(new RecordDeleteEvent(posts, record("a"), null), () -> log.add("delete"));
        stages.save(new CollectionEvent(RecordAction.DELETE, posts, posts), () -> log.add("check"),
                () -> log.add("drop"));

        assertEquals(List.of("update", "delete", "drop"), log);
    }

    @Test
    void modelTagsAreTheCollectionOfARecordOrTheCollectionsTable() {
        hooks.model().onModelCreate("posts").bind(e -> trace("posts", e));
        hooks.model().onModelCreate("_collections").bind(e -> trace("_collections", e));
        hooks.model().onCollectionCreate("pbc_posts").bind(e -> trace("collection", e));

        stages.create(create("a"), null, () -> log.add("insert"));
        stages.save(new CollectionEvent(RecordAction.CREATE, null, posts), null, () -> log.add("store"));

        assertEquals(List.of("posts>", "insert", "posts<", "collection>", "_collections>", "store", "_collections<",
                "collection<"), log);
    }

    @Test
    void afterStagesReachTheirRecordAndCollectionProxies() {
        hooks.onRecordAfterDeleteSuccess().bind(e -> trace("recordDeleted", e));
        hooks.model().onModelAfterDeleteSuccess().bind(e -> trace("modelDeleted " + e.type(), e));
        hooks.model().onCollectionAfterUpdateError().bind(e -> trace("collectionError " + e.error().getMessage(), e));
        hooks.model().onCollectionAfterSuccess().bind(e -> trace("anyCollection " + e.action(), e));

        stages.succeeded(new RecordAfterSuccessEvent(RecordAction.DELETE, posts, record("a"), null));
        stages.failed(new CollectionErrorEvent(RecordAction.UPDATE, posts, posts, new IllegalStateException("x")));
        stages.succeeded(new CollectionEvent(RecordAction.CREATE, null, posts));

        assertEquals(List.of("recordDeleted>", "modelDeleted DELETE>", "modelDeleted DELETE<", "recordDeleted<",
                "collectionError x>", "collectionError x<", "anyCollection CREATE>", "anyCollection CREATE<"), log);
    }

    private void trace(String name, HookEvent e) {
        log.add(name + ">");
        e.next();
        log.add(name + "<");
    }

    private RecordCreateEvent create(String id) {
        return new RecordCreateEvent(posts, record(id), null);
    }

    private Record record(String id) {
        return new Record(posts, Map.of("id", id, "title", ""));
    }
}
