package dev.locket.application.port.out;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The data directory as one zip archive: what a backup holds and what a restore puts back. */
public interface DataArchive {

    /**
     * Writes a consistent zip of the data directory (databases checkpointed, writes held back while
     * it is built), leaving out {@code backups/} and the temporary folders.
     */
    void writeZip(OutputStream out) throws IOException;

    /**
     * Swaps the data directory's content for the archive's (which must hold {@code data.db}); the
     * previous content is moved aside. The databases must be reopened afterwards (a restart).
     */
    void restore(InputStream zip) throws IOException;
}
