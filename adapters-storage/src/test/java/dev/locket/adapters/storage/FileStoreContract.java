package dev.locket.adapters.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.FileStore;
import dev.locket.domain.error.NotFound;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every {@link FileStore} must do; run against the local folder store and a real S3 server. */
abstract class FileStoreContract {

    /** A fresh, empty store for each test. */
    protected abstract FileStore store();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(FileStore store, String key, long offset) throws IOException {
        try (InputStream in = store.open(key, offset)) {
            return in.readAllBytes();
        }
    }

    @Test
    void storedFilesComeBackWithSizeTypeAndBytes() throws IOException {
        FileStore s = store();
        byte[] content = bytes("hello storage");
        s.put("col1/rec1/hello_abc.txt", new ByteArrayInputStream(content), content.length,
                "text/plain; charset=utf-8", "Hello.txt");
        FileStore.StoredFile f = s.stat("col1/rec1/hello_abc.txt").orElseThrow();
        assertEquals(content.length, f.size());
        assertEquals("text/plain; charset=utf-8", f.contentType());
        assertArrayEquals(content, read(s, "col1/rec1/hello_abc.txt", 0));
        assertArrayEquals(bytes("storage"), read(s, "col1/rec1/hello_abc.txt", 6));
    }

    @Test
    void streamsOfUnknownSizeAreStoredWhole() throws IOException {
        FileStore s = store();
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        s.put("c/r/big_x.bin", new ByteArrayInputStream(big), -1, "application/octet-stream", "");
        assertEquals(big.length, s.stat("c/r/big_x.bin").orElseThrow().size());
        assertArrayEquals(big, read(s, "c/r/big_x.bin", 0));
    }

    @Test
    void putReplacesAnExistingFile() throws IOException {
        FileStore s = store();
        s.put("c/r/a.txt", new ByteArrayInputStream(bytes("one")), 3, "text/plain", "");
        s.put("c/r/a.txt", new ByteArrayInputStream(bytes("second")), 6, "text/plain", "");
        assertArrayEquals(bytes("second"), read(s, "c/r/a.txt", 0));
    }

    @Test
    void missingFilesAreEmptyOrNotFound() {
        FileStore s = store();
        assertTrue(s.stat("c/r/missing.txt").isEmpty());
        assertThrows(NotFound.class, () -> s.open("c/r/missing.txt", 0));
        s.delete("c/r/missing.txt"); // no error
        s.deletePrefix("c/nothing/");
    }

    @Test
    void deleteRemovesOneFileAndDeletePrefixAFolder() {
        FileStore s = store();
        for (String key : new String[] {"c/r1/a.txt", "c/r1/thumbs_a.png/100x100_a.png", "c/r2/b.txt"}) {
            s.put(key, new ByteArrayInputStream(bytes("x")), 1, "text/plain", "");
        }
        s.delete("c/r2/b.txt");
        assertTrue(s.stat("c/r2/b.txt").isEmpty());
        s.deletePrefix("c/r1/");
        assertTrue(s.stat("c/r1/a.txt").isEmpty());
        assertTrue(s.stat("c/r1/thumbs_a.png/100x100_a.png").isEmpty());
    }

    @Test
    void keysThatCouldEscapeAreRefused() {
        FileStore s = store();
        for (String key : new String[] {"c/../../etc/passwd", "c/r/..", "../x", "c//x", "c/r/a\\b"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> s.put(key, new ByteArrayInputStream(bytes("x")), 1, "text/plain", ""), key);
            assertFalse(s.stat(key).isPresent(), key);
        }
    }
}
