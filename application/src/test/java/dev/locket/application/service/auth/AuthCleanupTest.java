package dev.locket.application.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.hook.Hooks;
import dev.locket.application.service.record.RecordWrites;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.record.Record;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AuthCleanupTest {
    private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void expiredEntriesOfEveryAuthCollectionAreDeletedThroughTheRecordHooks() {
        List<Collection> system = SystemCollections.all("2024-01-01 00:00:00.000Z", new Random(1));
        Collection mfas = system.stream().filter(c -> c.name().equals("_mfas")).findFirst().orElseThrow();
        Collection otps = system.stream().filter(c -> c.name().equals("_otps")).findFirst().orElseThrow();
        AuthCollection on = withOptions("on", Map.of("mfa", Map.of("enabled", true, "duration", 1800),
                "otp", Map.of("enabled", true, "duration", 300)));
        AuthCollection off = withOptions("off", Map.of("mfa", Map.of("enabled", false, "duration", 1800)));
        InMemoryCollectionStore collections = new InMemoryCollectionStore(mfas, otps, on, off);
        InMemoryRecordStore records = new InMemoryRecordStore(collections::find);
        records.put(entry(mfas, "mfaold000000001", on, "2024-05-01 11:00:00.000Z"));
        records.put(entry(mfas, "mfanew000000001", on, "2024-05-01 11:45:00.000Z"));
        records.put(entry(mfas, "mfaoff000000001", off, "2024-04-01 11:00:00.000Z"));
        records.put(entry(otps, "otpold000000001", on, "2024-05-01 11:54:00.000Z"));
        records.put(entry(otps, "otpnew000000001", on, "2024-05-01 11:56:00.000Z"));
        Hooks hooks = new Hooks();
        List<String> deleted = new CopyOnWriteArrayList<>();
        hooks.onRecordDelete().bind(e -> {
            deleted.add(e.collection().name() + "/" + e.record().id());
            e.next();
        });
        AuthCleanup cleanup = new AuthCleanup(collections, records, new RecordWrites(collections, records,
                new InMemoryTransactions(), hooks, clock, null, new Random(2)), clock);

        // as upstream, also where the feature is off (no stale entries are kept)
        assertEquals(2, cleanup.deleteExpiredMfas());
        assertEquals(1, cleanup.deleteExpiredOtps());
        assertEquals(List.of("mfanew000000001"), ids(records, mfas));
        assertEquals(List.of("otpnew000000001"), ids(records, otps));
        assertEquals(List.of("_mfas/mfaold000000001", "_mfas/mfaoff000000001", "_otps/otpold000000001"), deleted);
    }

    private static List<String> ids(InMemoryRecordStore records, Collection c) {
        return records.list(c, new dev.locket.application.port.out.RecordQuery(null, null, List.of("id"), 1, 100, true,
                dev.locket.domain.rule.RequestInfo.guest())).items().stream().map(Record::id).toList();
    }

    private static Record entry(Collection c, String id, AuthCollection owner, String created) {
        return new Record(c, Map.of("id", id, "collectionRef", owner.id(), "recordRef", "rec000000000001",
                "method", "password", "created", created, "updated", created));
    }

    private static AuthCollection withOptions(String name, Map<String, Object> extra) {
        AuthOptions base = Fixtures.authOptions("", null);
        AuthOptions options = new AuthOptions(base.authRule(), base.manageRule(), base.passwordAuth(), base.authToken(),
                base.passwordResetToken(), base.emailChangeToken(), base.verificationToken(), base.fileToken(), extra);
        return Fixtures.auth(name, CollectionRules.locked(), options);
    }
}
