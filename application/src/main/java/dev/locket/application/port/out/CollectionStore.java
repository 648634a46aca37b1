package dev.locket.application.port.out;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.record.Record;
import java.util.List;
import java.util.Optional;

/**
 * Persists collection definitions together with their tables, views and indexes. Joins the open
 * transaction; schema changes and the definition row change in that same transaction.
 */
public interface CollectionStore {

    /** All collections, in creation order. Served from memory; cheap to call per request. */
    List<Collection> all();

    /** By id (exact) or name (case-insensitive). */
    Optional<Collection> find(String idOrName);

    /** Stores the definition and creates its table (or view) and indexes. */
    void create(Collection collection);

    /**
     * Stores the new definition and migrates the table: renames the table on a name change,
     * renames columns of fields whose id is kept, drops removed fields, adds new ones, converts
     * single/multiple values, and rebuilds indexes.
     */
    void update(Collection before, Collection after);

    /** Removes the definition and drops its table or view. */
    void delete(Collection collection);

    /**
     * The result column names of a view's SELECT, in order, as the database resolves them (nothing is
     * created). Joins the open transaction, so tables created in it are visible.
     *
     * @throws dev.locket.domain.error.BadRequest carrying the database's raw message when the query
     *     does not compile as the body of a view (syntax, unknown table or column, not a SELECT, …)
     */
    List<String> viewColumns(String selectQuery);

    /**
     * Up to {@code limit} rows of {@code view}'s query, read as records of {@code view} (its fields
     * decide how columns are converted), without the view having to exist.
     *
     * @throws dev.locket.domain.error.BadRequest carrying the database's raw message when the query fails
     */
    List<Record> viewSample(ViewCollection view, int limit);
}
