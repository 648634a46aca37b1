package dev.locket.application.service;

import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.AccessRule;
import dev.locket.domain.rule.RequestInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strips a record (and its expanded records) down to what a requester may see, as PocketBase's
 * record serialisation does: hidden fields only for superusers, auth {@code password}/{@code tokenKey}
 * never, auth {@code email} only when visible, the requester's own, or to superusers and managers;
 * password fields of other collections as {@code ""}. Absent keys mean "do not serialise".
 */
public final class RecordProjection {
    private final RecordStore records;

    public RecordProjection(RecordStore records) {
        this.records = records;
    }

    /** The record as {@code request}'s requester may see it. */
    public Record project(Record record, RequestInfo request) {
        return project(record, request, false);
    }

    /**
     * As {@link #project(Record, RequestInfo)}, but keeping {@code email} regardless of its
     * visibility: the auth response shows the authenticated record its own email.
     */
    public Record projectForOwner(Record record, RequestInfo request) {
        return project(record, request, true);
    }

    private Record project(Record record, RequestInfo request, boolean owner) {
        Collection c = record.collection();
        boolean superuser = request.isSuperuser();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : record.values().entrySet()) {
            String name = entry.getKey();
            Field field = c.field(name).orElse(null);
            if (field == null) {
                // Values without a field (e.g. extra columns of a view) are shown as stored.
                out.put(name, entry.getValue());
                continue;
            }
            if (c instanceof AuthCollection && (name.equals("password") || name.equals("tokenKey"))) {
                continue;
            }
            if (field.hidden() && !superuser) {
                continue;
            }
            if (field instanceof PasswordField) {
                out.put(name, ""); // the hash is never exposed
                continue;
            }
            out.put(name, entry.getValue());
        }
        if (c instanceof AuthCollection auth && out.containsKey("email") && !owner
                && !Boolean.TRUE.equals(record.get("emailVisibility")) && !superuser
                && !isSelf(record, request) && !canManage(auth, record, request)) {
            out.remove("email");
        }
        Map<String, Object> expand = null;
        if (record.expand() != null) {
            expand = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : record.expand().entrySet()) {
                expand.put(e.getKey(), projectExpanded(e.getValue(), request));
            }
        }
        return new Record(c, out, expand);
    }

    private Object projectExpanded(Object value, RequestInfo request) {
        if (value instanceof Record r) {
            return project(r, request, false);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(item instanceof Record r ? project(r, request, false) : item);
            }
            return out;
        }
        return value;
    }

    static boolean isSelf(Record record, RequestInfo request) {
        return request.auth()
                .map(a -> a.collection().id().equals(record.collection().id()) && a.id().equals(record.id()))
                .orElse(false);
    }

    /** Whether the requester satisfies the auth collection's manageRule for this stored record. */
    boolean canManage(AuthCollection collection, Record record, RequestInfo request) {
        if (request.isSuperuser()) {
            return true;
        }
        return switch (collection.auth().manageRule()) {
            case AccessRule.Locked l -> false;
            case AccessRule.Public p -> true;
            case AccessRule.Filter f -> records.findMatching(collection, record.id(), f.expression(), request).isPresent();
        };
    }
}
