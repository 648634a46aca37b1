package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream's {@code OnRecordEnrich}: fired for every record a client is sent (list, view, create and update
 * responses, auth responses, expanded relations, realtime messages), once per requester. A handler changes
 * what that requester sees: {@link #hide} fields (or {@code expand}, {@code collectionId},
 * {@code collectionName}), {@link #unhide} hidden fields, {@link #set} a field's shown value or, once
 * {@link #withCustomData} allows it, a property of its own. The record's stored values stay readable through
 * {@link #record()} whatever is shown. The auth
 * {@code password} and {@code tokenKey} are never shown and {@code email} keeps its visibility rule, as
 * upstream's public export does.
 */
public final class RecordEnrichEvent extends HookEvent implements CollectionScoped {
    private final Record record;
    private final RequestInfo requestInfo;
    private final Map<String, Boolean> visibility = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean customData;

    public RecordEnrichEvent(Record record, RequestInfo requestInfo) {
        this.record = Objects.requireNonNull(record);
        this.requestInfo = RequestInfo.orGuest(requestInfo);
    }

    @Override
    public Collection collection() {
        return record.collection();
    }

    /** The record as stored (hidden fields included), its expand as this requester sees it. */
    public Record record() {
        return record;
    }

    /** Who the record is sent to: {@code requestInfo().auth()} is the requester's auth record, if any. */
    public RequestInfo requestInfo() {
        return requestInfo;
    }

    /**
     * Leaves these fields (or {@code expand}, {@code collectionId}, {@code collectionName}) out of what this
     * requester sees.
     */
    public RecordEnrichEvent hide(String... names) {
        for (String name : names) {
            visibility.put(name, false);
        }
        return this;
    }

    /** Shows these fields even though the collection marks them hidden. */
    public RecordEnrichEvent unhide(String... names) {
        for (String name : names) {
            visibility.put(name, true);
        }
        return this;
    }

    /** Allows (or stops) showing properties that are not fields of the collection, set with {@link #set}. */
    public RecordEnrichEvent withCustomData(boolean allowed) {
        this.customData = allowed;
        return this;
    }

    /** The value shown for a field, or a property of the handler's own (shown with {@link #withCustomData}). */
    public RecordEnrichEvent set(String name, Object value) {
        values.put(Objects.requireNonNull(name), value);
        return this;
    }

    /** Names forced visible ({@code true}) or hidden ({@code false}); the last call for a name wins. */
    public Map<String, Boolean> visibility() {
        return Collections.unmodifiableMap(visibility);
    }

    /** Values set by handlers, fields and custom properties alike. */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    public boolean customData() {
        return customData;
    }

    /** Whether a handler asked for anything (else the default projection is sent unchanged). */
    public boolean changed() {
        return !visibility.isEmpty() || !values.isEmpty();
    }
}
