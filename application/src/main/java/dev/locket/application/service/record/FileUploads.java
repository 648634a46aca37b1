package dev.locket.application.service.record;

import dev.locket.application.hook.UnsavedFile;
import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.out.FileStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.application.service.file.FileService;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FileField;
import dev.locket.domain.file.FileKeys;
import dev.locket.domain.file.FileNames;
import dev.locket.domain.file.MimeTypes;
import dev.locket.domain.record.Record;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The file side of record writes (files.md §2, §3, §8): names uploads, merges them into the body as
 * file names, checks them, stores the kept ones right before the write (removing them again when it
 * fails) and deletes replaced files once the write committed.
 */
public final class FileUploads {
    private static final System.Logger LOG = System.getLogger(FileUploads.class.getName());

    /** Storage for services built without one: nothing is stored, uploads fail like a storage error. */
    public static final FileStore NO_STORE = new FileStore() {
        @Override
        public Optional<StoredFile> stat(String key) {
            return Optional.empty();
        }

        @Override
        public InputStream open(String key, long offset) {
            throw new dev.locket.domain.error.NotFound();
        }

        @Override
        public void put(String key, InputStream content, long size, String contentType, String originalName) {
            throw new IllegalStateException("no file storage configured");
        }

        @Override
        public void delete(String key) {
        }

        @Override
        public void deletePrefix(String prefix) {
        }
    };

    private final FileStore store;
    private final Transactions tx;
    private final RandomGenerator random;

    public FileUploads(FileStore store, Transactions tx, RandomGenerator random) {
        this.store = store;
        this.tx = tx;
        this.random = random;
    }

    /** One upload with the name it will be stored under and its detected content type. */
    record Pending(String field, String storedName, String detectedType, UploadedFile upload) {
    }

    /** The body with upload names merged in, and the uploads waiting to be stored. */
    record Plan(Map<String, Object> originalBody, Map<String, Object> body, List<Pending> pending) {
    }

    /** The submitted values keyed as submitted (modifiers included), as the drafts and {@code @request.body} read them. */
    static Map<String, Object> jsonBody(RecordBody body) {
        Map<String, Object> out = new LinkedHashMap<>();
        body.entries().forEach(e -> out.put(e.key(), e.value()));
        return out;
    }

    Plan plan(Collection c, RecordBody submitted) {
        Map<String, Object> body = jsonBody(submitted);
        Map<String, Object> merged = new LinkedHashMap<>(body);
        List<Pending> pending = new ArrayList<>();
        for (UploadedFile u : submitted.files()) {
            if (!(c.field(u.field()).orElse(null) instanceof FileField f)) {
                continue; // upstream reads file parts only under a file field's keys
            }
            String type = detect(u);
            String name = FileNames.storedName(u.originalName(), type, random);
            List<Object> values = new ArrayList<>(names(merged.get(u.key())));
            values.add(name);
            merged.put(u.key(), values);
            pending.add(new Pending(f.name(), name, type, u));
        }
        return new Plan(body, merged, pending);
    }

    /** The plan's uploads as request hooks see them (upstream's unsaved files of the record). */
    static List<UnsavedFile> unsaved(Plan plan) {
        return plan.pending().stream().map(p -> new UnsavedFile(p.field(), p.storedName(), p.upload().originalName(),
                p.upload().size(), p.detectedType(), p.upload().content())).toList();
    }

    private static String detect(UploadedFile u) {
        try (InputStream in = u.content().open(0)) {
            byte[] head = in.readNBytes(MimeTypes.SNIFF_LENGTH);
            return MimeTypes.detect(head, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * File errors of the final values, in upstream order per field: plain names the record does not
     * already store, then (when the count is fine) each kept upload's size and type.
     */
    Map<String, ErrorNode> check(Collection c, Plan plan, Map<String, Object> stored, Map<String, Object> values) {
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        for (Field field : c.fields()) {
            if (!(field instanceof FileField f)) {
                continue;
            }
            List<String> submitted = new ArrayList<>();
            for (UploadedFile.Placement placement : UploadedFile.Placement.values()) {
                submitted.addAll(names(plan.originalBody().get(placement.key(f.name()))));
            }
            Optional<FieldError> invalid = FileField.invalidNewFiles(submitted, names(stored.get(f.name())));
            if (invalid.isPresent()) {
                errors.put(f.name(), invalid.get());
                continue;
            }
            if (f.validate(values.get(f.name())).isPresent()) {
                continue; // the field's own count/required error is reported by the record validation
            }
            Set<String> kept = new LinkedHashSet<>(names(values.get(f.name())));
            for (Pending p : plan.pending()) {
                if (!p.field().equals(f.name()) || !kept.contains(p.storedName())) {
                    continue;
                }
                Optional<FieldError> e = checkUpload(f, p);
                if (e.isPresent()) {
                    errors.put(f.name(), e.get());
                    break;
                }
            }
        }
        return errors;
    }

    private static Optional<FieldError> checkUpload(FileField f, Pending p) {
        long max = f.effectiveMaxSize();
        if (p.upload().size() > max) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("file", p.upload().originalName());
            params.put("maxSize", max);
            return Optional.of(new FieldError("validation_file_size_limit", "Failed to upload "
                    + p.upload().originalName() + " - the maximum allowed file size is " + max + " bytes.", params));
        }
        if (!f.mimeTypes().isEmpty()) {
            boolean ok = false;
            for (String allowed : f.mimeTypes()) {
                ok |= MimeTypes.matches(p.detectedType(), allowed);
            }
            if (!ok) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("file", p.upload().originalName());
                return Optional.of(new FieldError("validation_invalid_mime_type", "Failed to upload "
                        + p.upload().originalName() + " due to unsupported file type.", params));
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code validate}, folding the file errors into a validation failure it raises (a field's
     * own error wins, except an unknown-name error which upstream checks first), or raising them alone.
     */
    static <T> T withFileErrors(Map<String, ErrorNode> fileErrors, String message, Supplier<T> validate) {
        T out;
        try {
            out = validate.get();
        } catch (ValidationFailed ex) {
            if (fileErrors.isEmpty()) {
                throw ex;
            }
            Map<String, ErrorNode> all = new LinkedHashMap<>(ex.errors());
            fileErrors.forEach((k, v) -> {
                if (!all.containsKey(k) || v instanceof FieldError fe && fe.code().equals("validation_invalid_file")) {
                    all.put(k, v);
                }
            });
            throw new ValidationFailed(ex.getMessage(), all);
        }
        if (!fileErrors.isEmpty()) {
            throw new ValidationFailed(message, fileErrors);
        }
        return out;
    }

    /**
     * Stores the uploads {@code toSave} keeps, runs {@code save}, removes them again when it fails, and
     * after commit deletes the files {@code before} held that the saved record no longer does. Called by the
     * execute stage of the write, so inside its transaction: upstream stores uploads there, just before the
     * COMMIT; outside it, the files waited for the writer and a kill -9 in that wait left them without their
     * record (CrashIT). Inside, their after-rollback undo also makes the writer commit this write at once
     * instead of holding it in a group.
     */
    void write(Collection c, Plan plan, Record toSave, Record before, Runnable save) {
        List<String> written = new ArrayList<>();
        try {
            for (Pending p : plan.pending()) {
                if (names(toSave.get(p.field())).contains(p.storedName())) {
                    String key = FileKeys.file(c.id(), toSave.id(), p.storedName());
                    try (InputStream in = p.upload().content().open(0)) {
                        written.add(key);
                        store.put(key, in, p.upload().size(), p.detectedType(), p.upload().originalName());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            discard(written);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        if (!written.isEmpty()) {
            // inside an outer transaction (batch) a later failure undoes this write too
            tx.afterRollback(() -> discard(written));
        }
        try {
            save.run();
        } catch (RuntimeException e) {
            discard(written);
            throw e;
        }
        if (before != null) {
            List<String[]> removed = new ArrayList<>();
            for (Field f : c.fields()) {
                if (f instanceof FileField) {
                    Set<String> now = new LinkedHashSet<>(names(toSave.get(f.name())));
                    for (String old : names(before.get(f.name()))) {
                        if (!now.contains(old) && FileKeys.isSafeSegment(old)) {
                            removed.add(new String[] {old});
                        }
                    }
                }
            }
            if (!removed.isEmpty()) {
                tx.afterCommit(() -> {
                    for (String[] r : removed) {
                        quietly(() -> {
                            store.delete(FileKeys.file(c.id(), before.id(), r[0]));
                            store.deletePrefix(FileKeys.thumbsPrefix(c.id(), before.id(), r[0]));
                        });
                    }
                });
            }
        }
    }

    /** After a committed delete: the record's whole folder, when the collection has file fields. */
    void deleteRecordFolder(Collection c, String recordId) {
        if (hasFileField(c) && FileKeys.isSafeSegment(recordId)) {
            quietly(() -> store.deletePrefix(FileKeys.recordPrefix(c.id(), recordId)));
        }
    }

    /** After a committed collection delete (or truncate): everything under {@code <collectionId>/}. */
    public void deleteCollectionFolder(Collection c) {
        quietly(() -> store.deletePrefix(FileKeys.collectionPrefix(c.id())));
    }

    public static boolean hasFileField(Collection c) {
        return !c.isView() && c.fields().stream().anyMatch(f -> f instanceof FileField);
    }

    private void discard(List<String> keys) {
        for (String k : keys) {
            quietly(() -> store.delete(k));
        }
    }

    /** files.md §8: storage errors while deleting are logged, never surfaced. */
    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "file cleanup failed", e);
        }
    }

    /** File names in a submitted or stored value (text or list; empty texts dropped). */
    static List<String> names(Object value) {
        return FileService.names(value);
    }
}
