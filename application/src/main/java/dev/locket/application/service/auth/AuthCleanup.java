package dev.locket.application.service.auth;

import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordUpdateEvent;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.service.record.RecordWrites;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.DateTimes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Upstream's {@code __pbMFACleanup__} and {@code __pbOTPCleanup__} jobs: for every auth collection, whether MFA
 * (or OTP) is enabled or not (so no stale entry is left behind), deletes its {@code _mfas} (or {@code _otps})
 * entries older than the collection's MFA (or OTP) duration. Each entry is deleted as a record, through the
 * record and model hooks, as upstream's {@code app.Delete}. Also upstream's system record handlers of the same
 * registrations ({@link #bindHooks}).
 */
public final class AuthCleanup {
    private static final int BATCH = 500;
    /** Upstream's defaults when a collection sets no duration. */
    private static final long MFA_DEFAULT_SECONDS = 1800;
    private static final long OTP_DEFAULT_SECONDS = 180;
    /** Upstream binds its MFA/OTP record handlers at this priority. */
    private static final int SYSTEM_PRIORITY = 99;

    private final CollectionStore collections;
    private final RecordStore records;
    private final RecordWrites writes;
    private final Clock clock;

    public AuthCleanup(CollectionStore collections, RecordStore records, RecordWrites writes, Clock clock) {
        this.collections = Objects.requireNonNull(collections);
        this.records = Objects.requireNonNull(records);
        this.writes = Objects.requireNonNull(writes);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Binds upstream's system handlers of {@code registerMFAHooks}/{@code registerOTPHooks}, at priority
     * {@value #SYSTEM_PRIORITY} so they wrap only the end of the chain: once an auth record's update
     * went through ({@code onRecordUpdate}), a changed password hash deletes its {@code _mfas} and {@code _authOrigins} entries; once its
     * write went through ({@code onRecordUpdateExecute}), a changed {@code tokenKey} deletes its {@code _otps}
     * entries (a leaked code must not outlive a revocation). Both inside the update's transaction, through the
     * delete hooks. Returns what unbinds them (the hooks outlive a reopened data directory).
     */
    public Runnable bindHooks(Hooks hooks) {
        String mfas = hooks.onRecordUpdate().bind(e -> {
            e.next();
            if (changed(e, "password")) {
                writes.deleteOwned(SystemCollections.MFAS, e.collection(), e.record().id(), e.request());
                // upstream's auth origin hooks: a new password forgets the devices known so far
                writes.deleteOwned(SystemCollections.AUTH_ORIGINS, e.collection(), e.record().id(), e.request());
            }
        }, SYSTEM_PRIORITY);
        String otps = hooks.onRecordUpdateExecute().bind(e -> {
            e.next();
            if (changed(e, "tokenKey")) {
                writes.deleteOwned(SystemCollections.OTPS, e.collection(), e.record().id(), e.request());
            }
        }, SYSTEM_PRIORITY);
        return () -> {
            hooks.onRecordUpdate().unbind(mfas);
            hooks.onRecordUpdateExecute().unbind(otps);
        };
    }

    private static boolean changed(RecordUpdateEvent e, String field) {
        return e.collection() instanceof AuthCollection && e.original() != null
                && !e.original().text(field).equals(e.record().text(field));
    }

    /** Deletes expired MFA entries; answers how many were handed to the delete. */
    public int deleteExpiredMfas() {
        return deleteExpired(SystemCollections.MFAS, "mfa", MFA_DEFAULT_SECONDS);
    }

    /** Deletes expired one-time passwords; answers how many were handed to the delete. */
    public int deleteExpiredOtps() {
        return deleteExpired(SystemCollections.OTPS, "otp", OTP_DEFAULT_SECONDS);
    }

    private int deleteExpired(String table, String option, long fallbackSeconds) {
        Optional<Collection> entries = collections.find(table);
        if (entries.isEmpty()) {
            return 0;
        }
        int deleted = 0;
        for (Collection c : collections.all()) {
            if (!(c instanceof AuthCollection auth)) {
                continue;
            }
            long seconds = AuthCompletion.seconds(auth, option, fallbackSeconds);
            String cutoff = DateTimes.format(clock.instant().minus(Duration.ofSeconds(seconds)));
            Lookup expired = Lookup.byField("collectionRef", auth.id()).and(Lookup.Condition.less("created", cutoff));
            // ids already handed to the delete: one a delete hook kept (no next()) is not tried again
            Set<String> tried = new HashSet<>();
            while (true) {
                List<Record> fresh = records.list(entries.get(),
                        RecordQuery.lookup(expired, List.of(), BATCH + tried.size())).items().stream()
                        .filter(r -> !tried.contains(r.id())).toList();
                if (fresh.isEmpty()) {
                    break;
                }
                for (Record r : fresh) {
                    tried.add(r.id());
                    writes.delete(entries.get(), r, RequestInfo.system());
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
