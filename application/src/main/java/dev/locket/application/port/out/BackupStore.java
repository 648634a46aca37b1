package dev.locket.application.port.out;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/** Where backups are kept ({@code <dataDir>/backups/} or an S3 bucket), by key (the file name). */
public interface BackupStore {

    /** One stored backup: key, size in bytes, modification time as {@code "2024-05-01 10:15:00.000Z"}. */
    record BackupFile(String key, long size, String modified) {
    }

    /** Produces a backup's bytes. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    List<BackupFile> list();

    boolean exists(String key);

    /** The backup's bytes (the caller closes the stream), or empty when there is none. */
    Optional<InputStream> open(String key);

    /** Stores {@code content} under {@code key}; nothing is left behind when writing fails. */
    void write(String key, Content content) throws IOException;

    /** Deletes the backup; false when there was none. */
    boolean delete(String key);
}
