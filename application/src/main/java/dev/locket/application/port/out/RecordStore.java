package dev.locket.application.port.out;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Persists records. Every method joins the caller's transaction when one is open (see
 * {@link Transactions}); outside one, reads use a pooled read connection.
 */
public interface RecordStore {

    Optional<Record> find(Collection collection, String id);

    /** The record if it exists and satisfies {@code filter} (a bound rule) for {@code request}. */
    Optional<Record> findMatching(Collection collection, String id, BoundFilter filter, RequestInfo request);

    /** Records of these ids, in no particular order; missing ids are skipped. */
    List<Record> findByIds(Collection collection, List<String> ids);

    /**
     * One page; the filters' {@code @request.*} come from the query's request. Throws
     * {@code BadRequest} for filters or sorts that do not resolve against the collection.
     */
    Page<Record> list(Collection collection, RecordQuery query);

    /**
     * Whether the would-be record (not yet stored) satisfies {@code filter}; evaluated against a
     * one-row stand-in of its values, as PocketBase checks create rules.
     */
    boolean draftMatches(Collection collection, Record draft, BoundFilter filter, RequestInfo request);

    /** Records whose relation {@code field} references {@code id}. */
    List<Record> findReferencing(Collection collection, String field, String id);

    /**
     * Records whose relation {@code field} references any of {@code ids}, each once, in storage order;
     * a bounded number of queries whatever the number of ids (expand must not cost a query per record).
     */
    List<Record> findReferencingAny(Collection collection, String field, List<String> ids);

    /**
     * Those of {@code ids} whose records exist and satisfy {@code filter} (a bound rule) for
     * {@code request}; a bounded number of queries whatever the number of ids.
     */
    Set<String> matchingIds(Collection collection, List<String> ids, BoundFilter filter, RequestInfo request);

    /**
     * Those of {@code ids} that are stored, read as ids only: validation asks only whether rows exist, as upstream's
     * {@code count(*)} queries do.
     */
    default Set<String> existingIds(Collection collection, List<String> ids) {
        return matchingIds(collection, ids, BoundFilter.ALL, RequestInfo.system());
    }

    /** Throws {@code ValidationFailed} ({@code validation_not_unique}) on unique index violations. */
    void insert(Collection collection, Record record);

    /** Throws {@code ValidationFailed} ({@code validation_not_unique}) on unique index violations. */
    void update(Collection collection, Record record);

    void delete(Collection collection, String id);

    /** Removes every record; callers handle cascades. */
    void deleteAll(Collection collection);
}
