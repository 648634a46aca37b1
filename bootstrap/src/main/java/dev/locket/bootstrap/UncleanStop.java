package dev.locket.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a start after a crash from a start after a clean stop: {@code serve} leaves a marker in the data directory
 * while it runs and removes it when it stops. Found at the next start, the marker means the process died (kill -9,
 * power loss), and uploads stored just before a COMMIT that never came are removed (their record folders have no
 * record). Upstream has the same window and leaves such files forever.
 */
public final class UncleanStop {
    private static final System.Logger LOG = System.getLogger(UncleanStop.class.getName());
    private static final String MARKER = ".locket_serving";

    private final Path marker;

    private UncleanStop(Path marker) {
        this.marker = marker;
    }

    /** Cleans up after an unclean stop if there was one, then marks the directory as served. */
    public static UncleanStop begin(Path dataDir, Assembly assembly) {
        Path marker = dataDir.resolve(MARKER);
        if (Files.exists(marker)) {
            var collections = assembly.sqlite().collectionStore();
            var records = assembly.sqlite().recordStore();
            int removed = assembly.storage().removeOrphanFolders((collectionId, recordId) -> collections
                    .find(collectionId).map(c -> records.find(c, recordId).isPresent()).orElse(true));
            if (removed > 0) {
                LOG.log(System.Logger.Level.WARNING, "the last serve stopped uncleanly: removed " + removed
                        + " upload folder(s) whose record was never committed");
            }
        }
        try {
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not mark " + dataDir + " as served: " + e.getMessage());
        }
        return new UncleanStop(marker);
    }

    /** A clean stop: the next start has nothing to recover. */
    public void end() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not unmark " + marker + ": " + e.getMessage());
        }
    }
}
