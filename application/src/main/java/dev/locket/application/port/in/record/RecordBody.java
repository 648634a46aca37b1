package dev.locket.application.port.in.record;

import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.domain.json.JsonShape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The submitted data of a record create or update: field values and PocketBase's modifiers in the
 * order they were given, plus the uploaded files. Immutable. Values are JSON-shaped (String, Number,
 * Boolean, List, Map with String keys, null), since what a field accepts depends on its collection;
 * the use case normalises and validates them per field, exactly as for a REST body.
 *
 * <pre>{@code
 * RecordBody body = RecordBody.builder()
 *         .set("title", "Hello")
 *         .append("tags", "news")          // tags+
 *         .remove("tags", "draft")         // tags-
 *         .file(new UploadedFile("doc", "a.txt", bytes.length, FileContent.of(bytes)))
 *         .build();
 * }</pre>
 */
public final class RecordBody {

    private static final Pattern FIELD_NAME = Pattern.compile("\\w+");
    private static final RecordBody EMPTY = new RecordBody(List.of(), List.of());

    /** PocketBase's body modifiers (records-api §5), written around the field name of a key. */
    public enum Modifier {
        /** {@code field}: replace the value. */
        SET,
        /** {@code field+}: append to a multi-value field, or add to a number. */
        APPEND,
        /** {@code +field}: prepend to a multi-value field. */
        PREPEND,
        /** {@code field-}: remove from a multi-value field, or subtract from a number. */
        REMOVE;

        String key(String field) {
            return switch (this) {
                case SET -> field;
                case APPEND -> field + "+";
                case PREPEND -> "+" + field;
                case REMOVE -> field + "-";
            };
        }
    }

    /**
     * One submitted key and its JSON-shaped value. {@code key} is kept exactly as submitted (REST
     * bodies may carry keys that name no field; the use case ignores or reports them as PocketBase does).
     */
    public record Entry(String key, Object value) {
        public Entry {
            Objects.requireNonNull(key);
            value = JsonShape.frozenCopy(value);
        }

        /** The field the key names, without its modifier. */
        public String field() {
            return switch (modifier()) {
                case SET -> key;
                case PREPEND -> key.substring(1);
                case APPEND, REMOVE -> key.substring(0, key.length() - 1);
            };
        }

        public Modifier modifier() {
            if (key.startsWith("+") && key.length() > 1) {
                return Modifier.PREPEND;
            }
            if (key.endsWith("+") && key.length() > 1) {
                return Modifier.APPEND;
            }
            if (key.endsWith("-") && key.length() > 1) {
                return Modifier.REMOVE;
            }
            return Modifier.SET;
        }
    }

    private final List<Entry> entries;
    private final List<UploadedFile> files;

    private RecordBody(List<Entry> entries, List<UploadedFile> files) {
        this.entries = entries;
        this.files = files;
    }

    /** No values and no files (an update that changes nothing, or a create with all defaults). */
    public static RecordBody empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The submitted keys and values, in submission order, each key once. */
    public List<Entry> entries() {
        return entries;
    }

    /** The uploaded files, each applied to its file field where its {@link UploadedFile.Placement} says. */
    public List<UploadedFile> files() {
        return files;
    }

    /** The value submitted under exactly {@code key} (modifier included); empty when the key is absent. */
    public Optional<Entry> entry(String key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return entries.isEmpty() && files.isEmpty();
    }

    /** A builder starting from this body's entries and files. */
    public Builder toBuilder() {
        Builder b = new Builder();
        entries.forEach(e -> b.put(e.key(), e.value()));
        b.files.addAll(files);
        return b;
    }

    /** The same values with {@code newFiles} as the uploads. */
    public RecordBody withFiles(List<UploadedFile> newFiles) {
        return new RecordBody(entries, List.copyOf(newFiles));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordBody b && entries.equals(b.entries) && files.equals(b.files);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries, files);
    }

    @Override
    public String toString() {
        return "RecordBody" + entries + (files.isEmpty() ? "" : " files=" + files.size());
    }

    /** Collects entries; a key given twice keeps its first position and its last value, as a JSON object does. */
    public static final class Builder {
        private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        private final List<UploadedFile> files = new ArrayList<>();

        private Builder() {
        }

        /** {@code field}: the field's new value. */
        public Builder set(String field, Object value) {
            return put(Modifier.SET.key(checked(field)), value);
        }

        /** {@code field+}: values appended to a multi-value field, or an amount added to a number field. */
        public Builder append(String field, Object value) {
            return put(Modifier.APPEND.key(checked(field)), value);
        }

        /** {@code +field}: values prepended to a multi-value field. */
        public Builder prepend(String field, Object value) {
            return put(Modifier.PREPEND.key(checked(field)), value);
        }

        /** {@code field-}: values removed from a multi-value field, or an amount subtracted from a number field. */
        public Builder remove(String field, Object value) {
            return put(Modifier.REMOVE.key(checked(field)), value);
        }

        /**
         * A key exactly as a client submitted it, modifier included: for decoders of REST bodies, which
         * must hand over unknown and malformed keys too so that the use case answers them as PocketBase does.
         */
        public Builder put(String key, Object value) {
            values.put(Objects.requireNonNull(key), value);
            return this;
        }

        /** Uploaded files, each applied to its file field where its placement says. */
        public Builder file(UploadedFile... uploads) {
            return files(List.of(uploads));
        }

        public Builder files(List<UploadedFile> uploads) {
            uploads.forEach(u -> files.add(Objects.requireNonNull(u)));
            return this;
        }

        public RecordBody build() {
            if (values.isEmpty() && files.isEmpty()) {
                return EMPTY;
            }
            List<Entry> out = new ArrayList<>(values.size());
            values.forEach((k, v) -> out.add(new Entry(k, v)));
            return new RecordBody(Collections.unmodifiableList(out), List.copyOf(files));
        }

        private static String checked(String field) {
            if (field == null || !FIELD_NAME.matcher(field).matches()) {
                throw new IllegalArgumentException("not a field name: " + field);
            }
            return field;
        }
    }
}
