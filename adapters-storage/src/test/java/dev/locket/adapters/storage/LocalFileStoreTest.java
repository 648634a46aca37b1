package dev.locket.adapters.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.FileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStoreTest extends FileStoreContract {
    @TempDir
    Path dir;

    @Override
    protected FileStore store() {
        return StorageAdapter.localStore(dir.resolve("storage"));
    }

    @Test
    void writesPocketBaseLayoutWithAttrsSidecar() throws IOException {
        FileStore s = store();
        s.put("col/rec/a_x.txt", new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), 3,
                "text/plain; charset=utf-8", "A \"quoted\".txt");
        Path file = dir.resolve("storage/col/rec/a_x.txt");
        assertEquals("abc", Files.readString(file));
        String attrs = Files.readString(dir.resolve("storage/col/rec/a_x.txt.attrs"));
        assertTrue(attrs.contains("\"user.content_type\":\"text/plain; charset=utf-8\""), attrs);
        assertTrue(attrs.contains("\"original-filename\":\"A \\\"quoted\\\".txt\""), attrs);
        assertTrue(attrs.contains("\"md5\":\"kAFQmDzST7DWlj99KOF/cg==\""), attrs);
        s.deletePrefix("col/rec/");
        assertFalse(Files.exists(dir.resolve("storage/col")), "empty folders are pruned");
    }

    @Test
    void servesTheFixtureFilesByteForByte() throws IOException {
        Path fixture = Path.of(System.getProperty("locket.fixture", "../bootstrap/src/test/fixtures/pb_data"), "storage");
        Assumptions.assumeTrue(Files.isDirectory(fixture), "fixture not found");
        FileStore s = StorageAdapter.localStore(fixture); // read-only use
        String key = "_pb_users_auth_/4q1xlclmfloku33/thumbs_300_1SEi6Q6U72.png/70x50_300_1SEi6Q6U72.png";
        FileStore.StoredFile f = s.stat(key).orElseThrow();
        assertEquals("image/png", f.contentType());
        try (InputStream in = s.open(key, 0)) {
            assertArrayEquals(Files.readAllBytes(fixture.resolve(key)), in.readAllBytes());
        }
        assertEquals("text/plain; charset=utf-8",
                s.stat("wsmn24bux7wo113/84nmscqy84lsi1t/test_d61b33QdDU.txt").orElseThrow().contentType());
    }
}
