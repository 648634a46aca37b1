package dev.locket.application.service.auth;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.service.record.RecordWrites;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.IndexDefinition;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.DateTimes;
import dev.locket.domain.types.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Lookups the auth flows share: the target auth collection (with upstream's two 404 messages),
 * records by email, and the {@code _mfas}/{@code _otps}/{@code _authOrigins}/{@code _externalAuths} helper rows.
 * The helper rows are written as records ({@link RecordWrites}), so the record and model hooks (tagged with the
 * helper collection) and realtime see them, as upstream's {@code app.Save}/{@code app.Delete} of its
 * {@code OTP}, {@code MFA}, {@code AuthOrigin} and {@code ExternalAuth} models.
 */
public final class AuthRecords {
    static final String MISSING_COLLECTION = "Missing or invalid collection context.";
    static final String MISSING_AUTH_COLLECTION = "Missing or invalid auth collection context.";
    private static final String CREATE_FAILED = "Failed to create record.";
    private static final String UPDATE_FAILED = "Failed to update record.";

    private final CollectionStore collections;
    private final RecordStore records;
    private final RecordWrites writes;
    private final Clock clock;
    private final RandomGenerator random;

    /** {@code writes} saves and deletes the helper rows (may be null for lookups only). */
    AuthRecords(CollectionStore collections, RecordStore records, RecordWrites writes, Clock clock,
                RandomGenerator random) {
        this.collections = collections;
        this.records = records;
        this.writes = writes;
        this.clock = clock;
        this.random = random;
    }

    Collection collection(String idOrName) {
        return collections.find(idOrName).orElseThrow(() -> new NotFound(MISSING_COLLECTION));
    }

    AuthCollection authCollection(String idOrName) {
        return authCollection(collection(idOrName));
    }

    static AuthCollection authCollection(Collection c) {
        if (!(c instanceof AuthCollection auth)) {
            throw new NotFound(MISSING_AUTH_COLLECTION);
        }
        return auth;
    }

    /** The record whose email equals {@code email} (the unique index decides case sensitivity upstream). */
    Optional<Record> byEmail(AuthCollection c, String email) {
        return first(c, identityLookup(c, "email", email));
    }

    /**
     * The lookup that finds {@code value} in identity field {@code field}: exact, or ignoring ASCII case when the
     * field's unique index is {@code COLLATE NOCASE} (upstream then queries {@code = ? COLLATE NOCASE}).
     */
    public static Lookup identityLookup(Collection c, String field, String value) {
        boolean nocase = IndexDefinition.uniqueOn(c.indexes(), field)
                .map(IndexDefinition::caseInsensitive).orElse(false);
        if (!nocase) {
            return Lookup.byField(field, value);
        }
        StringBuilder lower = new StringBuilder(value.length());
        value.chars().forEach(ch -> lower.append((char) (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch)));
        return Lookup.byFieldLower(field, lower.toString());
    }

    /** The first record the lookup finds (hidden fields allowed). */
    Optional<Record> first(Collection c, Lookup lookup) {
        Page<Record> page = records.list(c, RecordQuery.lookup(lookup, List.of(), 1));
        return page.items().isEmpty() ? Optional.empty() : Optional.of(page.items().get(0));
    }

    /** All records the lookup finds, in {@code sort} order. */
    List<Record> all(Collection c, Lookup lookup, List<String> sort) {
        return records.list(c, RecordQuery.lookup(lookup, sort, 1000)).items();
    }

    /** A system helper collection ({@code _mfas}, {@code _otps}, {@code _authOrigins}, …). */
    Collection helper(String name) {
        return collections.find(name).orElseThrow(() -> new IllegalStateException("missing system collection " + name));
    }

    /** Rows of a helper collection that belong to the record. */
    List<Record> helperRows(String helper, Record owner) {
        return all(helper(helper), Lookup.byField("collectionRef", owner.collection().id())
                .and("recordRef", owner.id()), List.of("created"));
    }

    /**
     * Inserts a helper row (collectionRef/recordRef of {@code owner} plus {@code values}) through the record hooks
     * and returns it as saved (a handler may have changed it).
     */
    Record insertHelper(String helper, Record owner, Map<String, Object> values) {
        Collection c = helper(helper);
        String now = DateTimes.format(clock.instant());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", Ids.recordId(random));
        v.put("collectionRef", owner.collection().id());
        v.put("recordRef", owner.id());
        v.putAll(values);
        v.put("created", now);
        v.put("updated", now);
        return writes.insert(c, new Record(c, v), RequestInfo.system(), CREATE_FAILED);
    }

    /** Saves a changed helper row through the record hooks ({@code updated} touched, as upstream's autodate). */
    Record updateHelper(Record row, Record changed) {
        return writes.update(row.collection(), row, changed.with("updated", DateTimes.format(clock.instant())),
                RequestInfo.system(), UPDATE_FAILED);
    }

    /** Deletes a helper row through the record hooks. */
    void deleteHelper(Record row) {
        writes.delete(row.collection(), row, RequestInfo.system());
    }

    /**
     * Deletes the record's {@code _externalAuths} links; true when there were any. Upstream does this
     * when an unverified record becomes verified, so a provider link made before the mailbox was
     * proven cannot be used to take the account over (the caller also rotates {@code tokenKey}).
     */
    boolean dropExternalAuths(Record owner) {
        Optional<Collection> helper = collections.find(dev.locket.domain.collection.SystemCollections.EXTERNAL_AUTHS);
        if (helper.isEmpty()) {
            return false;
        }
        List<Record> links = helperRows(dev.locket.domain.collection.SystemCollections.EXTERNAL_AUTHS, owner);
        links.forEach(this::deleteHelper);
        return !links.isEmpty();
    }

    /** When the row was created ({@link Instant#EPOCH} when unreadable). */
    static Instant created(Record row) {
        return DateTimes.parse(row.text("created")).orElse(Instant.EPOCH);
    }

    RecordStore store() {
        return records;
    }

    Clock clock() {
        return clock;
    }

    RandomGenerator random() {
        return random;
    }
}
