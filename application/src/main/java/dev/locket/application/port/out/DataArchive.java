package dev.locket.application.port.out;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** The data directory as one zip archive: what a backup holds and what a restore puts back. */
public interface DataArchive {
    /** Top-level entries of the data directory a backup leaves out by default (upstream's list, plus the serve marker). */
    List<String> BACKUP_EXCLUDED = List.of("backups", ".pb_temp_to_delete", ".notify", ".autocert_cache",
            "lost+found", ".locket_serving");
    /** Top-level entries a restore leaves in place by default (upstream's list, plus the serve marker). */
    List<String> RESTORE_KEPT = List.of("backups", ".pb_temp_to_delete", ".autocert_cache", "lost+found",
            ".locket_serving");

    /**
     * Writes a consistent zip of the data directory (databases checkpointed, writes held back while
     * it is built), leaving out the top-level entries named in {@code exclude}.
     */
    void writeZip(OutputStream out, List<String> exclude) throws IOException;

    /** {@link #writeZip(OutputStream, List)} with {@link #BACKUP_EXCLUDED}. */
    default void writeZip(OutputStream out) throws IOException {
        writeZip(out, BACKUP_EXCLUDED);
    }

    /**
     * Swaps the data directory's content for the archive's (which must hold {@code data.db}); the
     * previous content is moved aside, except the top-level entries named in {@code kept}, which stay
     * as they are. The databases must be reopened afterwards (a restart).
     */
    void restore(InputStream zip, List<String> kept) throws IOException;

    /** {@link #restore(InputStream, List)} with {@link #RESTORE_KEPT}. */
    default void restore(InputStream zip) throws IOException {
        restore(zip, RESTORE_KEPT);
    }
}
