package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 12: an upload killed mid-transfer leaves its {@code .tmp_*} file under storage/, and
 * nothing ever moves or deletes it. {@code serve} removes such leftovers when it starts; stored files stay.
 */
class UploadLeftoversIT {
    @TempDir
    Path tmp;

    @Test
    void serveRemovesInterruptedUploadsAndKeepsStoredFiles() throws Exception {
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        Path storage = dir.resolve("storage");
        List<Path> stored;
        try (Stream<Path> walk = Files.walk(storage)) {
            stored = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(stored.isEmpty(), "the fixture holds stored files");
        Path folder = stored.getFirst().getParent();
        Path leftover = Files.writeString(folder.resolve(".tmp_12345678"), "half an upload");
        Path nested = Files.createDirectories(storage.resolve("someCollection/someRecord"))
                .resolve(".tmp_987");
        Files.writeString(nested, "x");

        // a CLI command beside a server must not touch them (the server's uploads may be in flight)
        LocketProcess.Result cli = LocketProcess.run(tmp, "superuser", "upsert", "cli@example.com",
                "cli-password-1", "--dir", dir.toString());
        assertEquals(0, cli.exitCode(), cli.output());
        assertTrue(Files.exists(leftover));

        try (LocketProcess server = LocketProcess.serve(dir)) {
            assertFalse(Files.exists(leftover), "leftover upload removed at start");
            assertFalse(Files.exists(nested), "leftover upload removed at start");
            for (Path p : stored) {
                assertTrue(Files.exists(p), "stored file kept: " + p);
            }
        }
    }

    /**
     * An upload is stored just before its COMMIT (as upstream): a kill -9 between the two leaves a record folder
     * without its record. The next serve after such an unclean stop removes it; a clean stop leaves nothing to do.
     */
    @Test
    void afterAnUncleanStopServeRemovesRecordFoldersWhoseRecordWasNeverCommitted() throws Exception {
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        Path storage = dir.resolve("storage");
        List<Path> stored;
        try (Stream<Path> walk = Files.walk(storage)) {
            stored = walk.filter(Files::isRegularFile).toList();
        }
        Path collection = stored.getFirst().getParent().getParent();
        Path orphan = Files.writeString(Files.createDirectories(collection.resolve("neverc0mmitted")).resolve("a.txt"),
                "stored, then killed before COMMIT");
        Path unknown = Files.writeString(Files.createDirectories(storage.resolve("notACollection/rec")).resolve("b.txt"),
                "not ours to judge");

        try (LocketProcess server = LocketProcess.serve(dir)) {
            assertTrue(Files.exists(dir.resolve(".locket_serving")), "serve marks the directory while it runs");
            assertTrue(Files.exists(orphan), "the last stop was clean: nothing is swept");
        }
        assertFalse(Files.exists(dir.resolve(".locket_serving")), "a clean stop removes the mark");

        Files.writeString(dir.resolve(".locket_serving"), "12345"); // as a kill -9 leaves it
        try (LocketProcess server = LocketProcess.serve(dir)) {
            assertFalse(Files.exists(orphan.getParent()), "the folder without a record is removed");
            assertTrue(Files.exists(unknown), "folders of unknown collections stay");
            for (Path p : stored) {
                assertTrue(Files.exists(p), "stored file kept: " + p);
            }
        }
    }
}
