package dev.locket.application.service;

import dev.locket.domain.rule.Lookup;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.DateTimes;
import dev.locket.domain.record.Record;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Upstream's {@code __pbMFACleanup__} and {@code __pbOTPCleanup__} jobs: for every auth collection
 * with MFA (or OTP) enabled, deletes its {@code _mfas} (or {@code _otps}) entries older than the
 * collection's MFA (or OTP) duration.
 */
public final class AuthCleanup {
    private static final int BATCH = 500;

    private final CollectionStore collections;
    private final RecordStore records;
    private final Transactions tx;
    private final Clock clock;

    public AuthCleanup(CollectionStore collections, RecordStore records, Transactions tx, Clock clock) {
        this.collections = Objects.requireNonNull(collections);
        this.records = Objects.requireNonNull(records);
        this.tx = Objects.requireNonNull(tx);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Deletes expired MFA entries; answers how many. */
    public int deleteExpiredMfas() {
        return deleteExpired("_mfas", "mfa");
    }

    /** Deletes expired one-time passwords; answers how many. */
    public int deleteExpiredOtps() {
        return deleteExpired("_otps", "otp");
    }

    private int deleteExpired(String table, String option) {
        Optional<Collection> entries = collections.find(table);
        if (entries.isEmpty()) {
            return 0;
        }
        int deleted = 0;
        for (Collection c : collections.all()) {
            if (!(c instanceof AuthCollection auth)) {
                continue;
            }
            Map<?, ?> config = auth.auth().extra().get(option) instanceof Map<?, ?> m ? m : Map.of();
            if (!Boolean.TRUE.equals(config.get("enabled")) || !(config.get("duration") instanceof Number seconds)) {
                continue;
            }
            String cutoff = DateTimes.format(clock.instant().minus(Duration.ofSeconds(seconds.longValue())));
            Lookup expired = Lookup.byField("collectionRef", auth.id()).and(Lookup.Condition.less("created", cutoff));
            while (true) {
                List<Record> batch = records.list(entries.get(), RecordQuery.lookup(expired, List.of(), BATCH)).items();
                if (batch.isEmpty()) {
                    break;
                }
                tx.inTransaction(() -> batch.forEach(r -> records.delete(entries.get(), r.id())));
                deleted += batch.size();
                if (batch.size() < BATCH) {
                    break;
                }
            }
        }
        return deleted;
    }
}
