package dev.locket.application.service.auth;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.IndexDefinition;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
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
 * records by email, and the {@code _mfas}/{@code _otps}/{@code _authOrigins} helper rows.
 */
public final class AuthRecords {
    static final String MISSING_COLLECTION = "Missing or invalid collection context.";
    static final String MISSING_AUTH_COLLECTION = "Missing or invalid auth collection context.";

    private final CollectionStore collections;
    private final RecordStore records;
    private final Clock clock;
    private final RandomGenerator random;

    AuthRecords(CollectionStore collections, RecordStore records, Clock clock, RandomGenerator random) {
        this.collections = collections;
        this.records = records;
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

    /** Inserts a helper row (collectionRef/recordRef of {@code owner} plus {@code values}) and returns it. */
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
        Record row = new Record(c, v);
        records.insert(c, row);
        return row;
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
        links.forEach(l -> records.delete(helper.get(), l.id()));
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
