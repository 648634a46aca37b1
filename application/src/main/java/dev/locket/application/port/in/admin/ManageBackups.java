package dev.locket.application.port.in.admin;

import dev.locket.application.port.in.file.FileContent;
import dev.locket.application.port.out.BackupStore;
import dev.locket.domain.rule.RequestInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;

/** The superuser backups API (admin-and-ops §4). */
public interface ManageBackups {

    /**
     * An uploaded file: its original name and its bytes, opened as a stream (the transport spools a
     * large upload to disk rather than holding it in memory).
     */
    record Upload(String fileName, FileContent content) {
        /** An upload held in memory. */
        public Upload(String fileName, byte[] bytes) {
            this(fileName, bytes == null ? null : offset -> new ByteArrayInputStream(bytes, (int) offset,
                    Math.max(0, bytes.length - (int) offset)));
        }
    }

    List<BackupStore.BackupFile> list(RequestInfo request);

    /** Creates a backup synchronously; {@code name} may be blank for the default name. */
    void create(String name, RequestInfo request);

    void upload(Upload file, RequestInfo request);

    /**
     * The backup's bytes; {@code fileToken} must be a superuser's file token (the Authorization header is not
     * used) and {@code clientIp}, the caller's real IP, must be in {@code superuserIPs} when that list is set.
     */
    InputStream download(String key, String fileToken, String clientIp);

    void delete(String key, RequestInfo request);

    /** Checks the backup and starts the restore in the background (the server restarts afterwards). */
    void restore(String key, RequestInfo request);

    /** Whether no backup or restore is running ({@code canBackup} of the health check). */
    boolean canBackup();
}
