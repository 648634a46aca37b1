package dev.locket.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawSqliteInsertsTest {

    @TempDir
    Path dir;

    @Test
    void measuresWalSingleRowTransactionsAndCleansUp() throws Exception {
        RawSqliteInserts.Result r = RawSqliteInserts.measure(dir, 300, 1);
        assertEquals(300, r.rows());
        assertEquals("wal", r.journalMode());
        assertEquals("NORMAL", r.synchronous());
        assertTrue(r.sqliteVersion().matches("3\\.\\d+\\.\\d+"), r.sqliteVersion());
        assertTrue(r.rowsPerSec() > 0);
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "database files are removed");
        }
    }
}
