package dev.locket.application.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookTest {

    static final class Probe extends HookEvent {
        final List<String> log = new ArrayList<>();
    }

    @Test
    void runsHandlersByPriorityThenRegistrationAndEndsWithDefaultAction() {
        Hook<Probe> hook = new Hook<>();
        hook.bind(e -> { e.log.add("b"); e.next(); });
        hook.bind(e -> { e.log.add("a"); e.next(); }, -5);
        hook.bind(e -> { e.log.add("c"); e.next(); e.log.add("c-after"); });

        Probe probe = hook.trigger(new Probe(), e -> e.log.add("default"));

        assertEquals(List.of("a", "b", "c", "default", "c-after"), probe.log);
    }

    @Test
    void handlerThatDoesNotCallNextStopsTheChain() {
        Hook<Probe> hook = new Hook<>();
        hook.bind(e -> e.log.add("stop"));
        hook.bind(e -> { e.log.add("never"); e.next(); });

        Probe probe = hook.trigger(new Probe(), e -> e.log.add("default"));

        assertEquals(List.of("stop"), probe.log);
    }

    @Test
    void callingNextTwiceRunsTheRestOnce() {
        Hook<Probe> hook = new Hook<>();
        hook.bind(e -> { e.next(); e.next(); });

        Probe probe = hook.trigger(new Probe(), e -> e.log.add("default"));

        assertEquals(List.of("default"), probe.log);
    }

    @Test
    void unbindRemovesTheHandler() {
        Hook<Probe> hook = new Hook<>();
        String id = hook.bind(e -> { e.log.add("x"); e.next(); });
        hook.unbind(id);

        Probe probe = hook.trigger(new Probe(), e -> e.log.add("default"));

        assertEquals(List.of("default"), probe.log);
    }

    @Test
    void throwingHandlerVetoesTheDefaultAction() {
        Hook<Probe> hook = new Hook<>();
        hook.bind(e -> { throw new BadRequest("nope"); });
        Probe probe = new Probe();

        assertThrows(BadRequest.class, () -> hook.trigger(probe, e -> e.log.add("default")));
        assertTrue(probe.log.isEmpty());
    }

    @Test
    void collectionTaggedHandlersOnlySeeTheirCollections() {
        Hooks hooks = new Hooks();
        List<String> seen = new ArrayList<>();
        hooks.onRecordCreate("posts").bind(e -> { seen.add("posts:" + e.collection().name()); e.next(); });
        hooks.onRecordCreate().bind(e -> { seen.add("all:" + e.collection().name()); e.next(); });

        for (String name : List.of("posts", "tags")) {
            var c = new BaseCollection("id_" + name, name, false, List.of(), CollectionRules.locked(), List.of(), "", "");
            hooks.onRecordCreate().trigger(new RecordCreateEvent(c, new Record(c, Map.of()), RequestInfo.guest()),
                    e -> seen.add("write:" + e.collection().name()));
        }

        assertEquals(List.of("posts:posts", "all:posts", "write:posts", "all:tags", "write:tags"), seen);
    }

    @Test
    void handlerCanReplaceTheRecordBeforeTheDefaultAction() {
        Hooks hooks = new Hooks();
        var c = new BaseCollection("c1", "posts", false, List.of(), CollectionRules.locked(), List.of(), "", "");
        hooks.onRecordCreate().bind(e -> { e.record(e.record().with("title", "changed")); e.next(); });
        List<Object> written = new ArrayList<>();

        hooks.onRecordCreate().trigger(new RecordCreateEvent(c, new Record(c, Map.of("title", "orig")), null),
                e -> written.add(e.record().get("title")));

        assertEquals(List.of("changed"), written);
    }
}
