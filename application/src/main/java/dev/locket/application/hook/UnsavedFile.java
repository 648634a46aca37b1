package dev.locket.application.hook;

import dev.locket.application.port.in.file.FileContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A file uploaded with a record create/update request and not stored yet, as a request hook sees it before
 * {@code next()} (upstream's {@code *filesystem.File} values of {@code e.Record}, read with
 * {@code GetUnsavedFiles}): the file field, the generated {@code name} it will be stored under, the client's
 * {@code originalName}, its {@code size} in bytes, the {@code contentType} detected from its first bytes, and
 * its content. It is stored only if the record still holds {@code name} when the write happens.
 */
public record UnsavedFile(String field, String name, String originalName, long size, String contentType,
                          FileContent content) {
    public UnsavedFile {
        Objects.requireNonNull(field);
        Objects.requireNonNull(name);
        Objects.requireNonNull(content);
        originalName = originalName == null ? "" : originalName;
        contentType = contentType == null ? "" : contentType;
    }

    /** A new stream over the whole file; the caller closes it. */
    public InputStream open() {
        return content.open(0);
    }

    /** The whole file in memory (uploads are spooled to disk: prefer {@link #open()} for big ones). */
    public byte[] bytes() {
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
