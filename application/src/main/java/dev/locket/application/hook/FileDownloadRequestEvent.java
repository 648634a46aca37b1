package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.field.FileField;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * Request hook of a file download, after the access check and the thumb lookup (or generation).
 * {@link #servedPath()} is the storage key sent and {@link #servedName()} the name the client sees (its
 * {@code Content-Disposition} and content type); both may be changed before {@code next()} serves them.
 */
public final class FileDownloadRequestEvent extends RequestHookEvent implements CollectionScoped {
    private final Collection collection;
    private final Record record;
    private final FileField fileField;
    private final String thumbError;
    private String servedPath;
    private String servedName;

    public FileDownloadRequestEvent(Collection collection, Record record, FileField fileField, String servedPath,
                                    String servedName, String thumbError, RequestInfo request) {
        super(request);
        this.collection = Objects.requireNonNull(collection);
        this.record = Objects.requireNonNull(record);
        this.fileField = Objects.requireNonNull(fileField);
        this.servedPath = Objects.requireNonNull(servedPath);
        this.servedName = Objects.requireNonNull(servedName);
        this.thumbError = thumbError;
    }

    @Override
    public Collection collection() {
        return collection;
    }

    public Record record() {
        return record;
    }

    public FileField fileField() {
        return fileField;
    }

    public String servedPath() {
        return servedPath;
    }

    public void servedPath(String replacement) {
        this.servedPath = Objects.requireNonNull(replacement);
    }

    public String servedName() {
        return servedName;
    }

    public void servedName(String replacement) {
        this.servedName = Objects.requireNonNull(replacement);
    }

    /** Why a requested thumb is not served (unsupported size or format, failed generation); the original is then. */
    public Optional<String> thumbError() {
        return Optional.ofNullable(thumbError);
    }
}
