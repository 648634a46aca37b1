package dev.locket.application.port.in.collection;

import dev.locket.application.port.out.Page;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.field.Field;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;
import java.util.Objects;

/**
 * The collections API (collections-and-fields §10): superusers and the system caller
 * ({@link RequestInfo#system()}) only; every call checks {@code request} first, as upstream's middleware does.
 */
public interface ManageCollections {

    record ListQuery(String filter, String sort, int page, int perPage, boolean skipTotal, RequestInfo request) {
    }

    Page<Collection> list(ListQuery query);

    Collection view(String idOrName, RequestInfo request);

    /** Saves a new collection: unset parts take the type's defaults; returns it as stored. */
    Collection create(CollectionDraft draft, RequestInfo request);

    /** Applies the draft's set parts onto the stored collection; returns it as stored. */
    Collection update(String idOrName, CollectionDraft draft, RequestInfo request);

    void delete(String idOrName, RequestInfo request);

    void truncate(String idOrName, RequestInfo request);

    /**
     * PocketBase's import: each draft is matched by id or name and merged onto the stored collection (or
     * created); with {@code deleteMissing}, other non-system collections and the fields the drafts leave
     * out are dropped. All or nothing.
     */
    record Import(List<CollectionDraft> collections, boolean deleteMissing) {
        public Import {
            collections = List.copyOf(collections);
        }
    }

    void importCollections(Import command, RequestInfo request);

    /** Blank base, auth and view collections as the admin UI starts from them. */
    record Scaffolds(BaseCollection base, AuthCollection auth, ViewCollection view) {
        public Scaffolds {
            Objects.requireNonNull(base);
            Objects.requireNonNull(auth);
            Objects.requireNonNull(view);
        }
    }

    Scaffolds scaffolds(RequestInfo request);

    /** What a view query would give: the inferred fields and up to 10 of its records. */
    record ViewPreview(List<Field> fields, List<Record> sample) {
        public ViewPreview {
            fields = List.copyOf(fields);
            sample = List.copyOf(sample);
        }
    }

    /**
     * Runs a view query without creating anything ({@code POST /api/collections/meta/dry-run-view}):
     * the query (at most 5000 characters) must back a valid view and its sample rows must have unique,
     * non-empty ids.
     */
    ViewPreview dryRunView(String query, RequestInfo request);
}
