package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 item 12: restoring a backup is bounded in entries and unpacked bytes (zip bombs). */
class RestoreLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void aZipBombIsRefusedWhileItInflates() throws IOException {
        byte[] bomb = zip(1, 8 * 1024 * 1024); // 8 MiB of zeros, a few KiB compressed
        assertTrue(bomb.length < 64 * 1024);
        IOException e = assertThrows(IOException.class, () -> DataDirArchive.unzip(new ByteArrayInputStream(bomb),
                tmp, new DataDirArchive.Limits(100, 1024 * 1024)));
        assertTrue(e.getMessage().contains("unpacks to more than"), e.getMessage());
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        byte[] many = zip(11, 1);
        IOException e = assertThrows(IOException.class, () -> DataDirArchive.unzip(new ByteArrayInputStream(many),
                tmp, new DataDirArchive.Limits(10, 1024 * 1024)));
        assertTrue(e.getMessage().contains("more than 10 entries"), e.getMessage());
        DataDirArchive.unzip(new ByteArrayInputStream(zip(10, 1)), tmp.resolve("ok"),
                new DataDirArchive.Limits(10, 1024 * 1024));
        assertTrue(Files.isRegularFile(tmp.resolve("ok/f9")));
    }

    private static byte[] zip(int entries, int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < entries; i++) {
                z.putNextEntry(new ZipEntry("f" + i));
                z.write(new byte[size]);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
