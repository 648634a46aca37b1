package dev.locket.application.port.out;

import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores file bytes under slash-separated keys ({@code <collectionId>/<recordId>/<name>}). Content is
 * streamed both ways, never held whole in memory. Keys come from {@code FileKeys}; implementations
 * still refuse any key that could leave their root. Writes do not join transactions: callers delete
 * what a rolled-back write left behind.
 */
public interface FileStore {

    /** Size, modification time and stored content type of a file; empty when missing. */
    Optional<StoredFile> stat(String key);

    /**
     * The file's bytes from {@code offset} on. The caller closes the stream.
     *
     * @throws dev.locket.domain.error.NotFound when the file is missing
     */
    InputStream open(String key, long offset);

    /**
     * Writes (or replaces) a file, recording its content type and original name as metadata.
     * {@code size} is the byte count when known, else -1.
     */
    void put(String key, InputStream content, long size, String contentType, String originalName);

    /** Deletes one file (and its metadata); a missing file is not an error. */
    void delete(String key);

    /** Deletes every file whose key starts with {@code prefix} (a folder, ending with {@code /}). */
    void deletePrefix(String prefix);

    /** What {@link #stat} answers. */
    record StoredFile(String key, long size, Instant modified, String contentType) {
    }
}
