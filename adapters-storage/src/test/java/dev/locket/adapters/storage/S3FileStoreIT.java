package dev.locket.adapters.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.FileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The file store contract against a real S3 API (S3Proxy), plus the runtime switch and the settings probe. */
class S3FileStoreIT extends FileStoreContract {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    Path dir;

    private static Map<String, Object> settings(String bucket) {
        return S3.settings(bucket);
    }

    private static String newBucket() {
        return S3.newBucket();
    }

    @Override
    protected FileStore store() {
        return StorageAdapter.s3Store(settings(newBucket()));
    }

    @Test
    void theAdapterSwitchesBetweenLocalAndS3WithTheSettings() throws IOException {
        String bucket = newBucket();
        Map<String, Object> s3 = settings(bucket);
        s3.put("enabled", false);
        AtomicReference<Map<String, Object>> current = new AtomicReference<>(Map.of("s3", s3));
        try (StorageAdapter adapter = StorageAdapter.open(dir, current::get)) {
            FileStore store = adapter.fileStore();
            byte[] one = "on disk".getBytes(StandardCharsets.UTF_8);
            store.put("c/r/a.txt", new ByteArrayInputStream(one), one.length, "text/plain", "");
            assertTrue(dir.resolve("storage/c/r/a.txt").toFile().isFile());

            Map<String, Object> on = settings(bucket);
            current.set(Map.of("s3", on));
            assertTrue(store.stat("c/r/a.txt").isEmpty(), "S3 does not see the local file");
            byte[] two = "in the bucket".getBytes(StandardCharsets.UTF_8);
            store.put("c/r/b.txt", new ByteArrayInputStream(two), two.length, "text/plain", "");
            try (InputStream in = StorageAdapter.s3Store(on).open("c/r/b.txt", 0)) {
                assertArrayEquals(two, in.readAllBytes());
            }
            assertEquals(two.length, store.stat("c/r/b.txt").orElseThrow().size());
        }
    }

    @Test
    void theProbeWritesAndDeletesATestObjectAndReportsFailures() {
        String bucket = newBucket();
        try (StorageAdapter adapter = StorageAdapter.open(dir, Map::of)) {
            adapter.s3Probe().check(settings(bucket));
            Map<String, Object> wrong = settings(bucket);
            wrong.put("secret", "not-the-secret");
            assertThrows(IllegalStateException.class, () -> adapter.s3Probe().check(wrong));
        }
    }
}
