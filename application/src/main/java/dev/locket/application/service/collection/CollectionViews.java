package dev.locket.application.service.collection;

import dev.locket.application.port.in.collection.ManageCollections.ViewPreview;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The fields of view collections, inferred from their query against the current schema (on save and in
 * the dry run the admin UI offers before saving).
 */
final class CollectionViews {
    static final int MAX_VIEW_QUERY = 5000;

    private final CollectionStore collections;
    private final RandomGenerator random;

    CollectionViews(CollectionStore collections, RandomGenerator random) {
        this.collections = collections;
        this.random = random;
    }

    /**
     * The view with fields inferred from its query; ids of fields that keep their name and type are
     * kept. A query that cannot back a view is a {@code viewQuery} error (the fields stay empty).
     */
    ViewCollection withViewFields(ViewCollection v, Collection stored, Map<String, ErrorNode> errors) {
        if (v.viewQuery().isBlank()) {
            errors.put("viewQuery", FieldError.required());
            return v;
        }
        try {
            String query = ViewSchema.normalize(v.viewQuery());
            List<Field> fields = ViewSchema.infer(query, collections.viewColumns(query), collections::find, random);
            return (ViewCollection) v.withFields(keepIds(fields, stored));
        } catch (ViewSchema.InvalidViewQuery | BadRequest e) {
            errors.put("viewQuery", FieldError.of("validation_invalid_view_query", "Invalid query - " + e.getMessage()
                    + "."));
            return v;
        }
    }

    /** The dry run: the inferred fields and up to 10 sample records, whose ids must be unique and non-empty. */
    ViewPreview preview(String query) {
        String q = query == null ? "" : query;
        if (q.isBlank()) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "query", FieldError.required());
        }
        if (q.codePointCount(0, q.length()) > MAX_VIEW_QUERY) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "query", FieldError.of("validation_length_too_long",
                    "The length must be no more than " + MAX_VIEW_QUERY + ".", "max", MAX_VIEW_QUERY));
        }
        try {
            String normalized = ViewSchema.normalize(q);
            List<Field> fields = ViewSchema.infer(normalized, collections.viewColumns(normalized), collections::find,
                    random);
            ViewCollection preview = new ViewCollection("", "", false, fields, CollectionRules.locked(), List.of(),
                    "", "", normalized);
            List<Record> sample = collections.viewSample(preview, 10);
            Set<String> ids = new LinkedHashSet<>();
            for (Record r : sample) {
                String id = r.values().get("id") instanceof String s ? s : "";
                if (id.isEmpty()) {
                    throw new ViewSchema.InvalidViewQuery("the view query returns records with missing or empty id");
                }
                if (!ids.add(id)) {
                    throw new ViewSchema.InvalidViewQuery("the view query returns records with duplicated id \""
                            + id + "\"");
                }
            }
            return new ViewPreview(fields, sample);
        } catch (ViewSchema.InvalidViewQuery | BadRequest e) {
            throw new BadRequest("Failed to run the view query. Raw error: \n" + e.getMessage() + ".");
        }
    }

    /** Keeps the stored id of a field with the same name and type, so repeated saves do not churn ids. */
    private static List<Field> keepIds(List<Field> fields, Collection stored) {
        if (stored == null) {
            return fields;
        }
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            Optional<Field> old = stored.fields().stream()
                    .filter(o -> o.name().equals(f.name()) && o.type().equals(f.type())).findFirst();
            out.add(old.isPresent() && out.stream().noneMatch(x -> x.id().equals(old.get().id()))
                    ? ViewSchema.copy(f, old.get().id(), f.name()) : f);
        }
        return out;
    }
}
