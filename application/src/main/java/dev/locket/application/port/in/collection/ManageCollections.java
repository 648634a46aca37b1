package dev.locket.application.port.in.collection;

import dev.locket.application.port.out.Page;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.field.Field;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;
import java.util.Map;

/**
 * The superuser-only collections API. Bodies are JSON-shaped maps in the wire format of
 * {@code spec/collections-and-fields.md}; every call checks that {@code request} is a superuser.
 */
public interface ManageCollections {

    record ListQuery(String filter, String sort, int page, int perPage, boolean skipTotal, RequestInfo request) {
    }

    Page<Collection> list(ListQuery query);

    Collection view(String idOrName, RequestInfo request);

    Collection create(Map<String, Object> body, RequestInfo request);

    Collection update(String idOrName, Map<String, Object> body, RequestInfo request);

    void delete(String idOrName, RequestInfo request);

    void truncate(String idOrName, RequestInfo request);

    void importCollections(List<Map<String, Object>> collections, boolean deleteMissing, RequestInfo request);

    /** Blank base, auth and view collections as the admin UI starts from them. */
    Map<String, Collection> scaffolds(RequestInfo request);

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
