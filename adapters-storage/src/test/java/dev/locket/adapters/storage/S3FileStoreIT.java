package dev.locket.adapters.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.FileStore;
import dev.locket.domain.settings.S3Config;
import dev.locket.domain.settings.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    private static S3Config settings(String bucket) {
        return S3.config(bucket);
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
        S3Config on = settings(bucket);
        S3Config off = new S3Config(false, on.bucket(), on.region(), on.endpoint(), on.accessKey(), on.secret(),
                on.forcePathStyle());
        AtomicReference<S3Config> current = new AtomicReference<>(off);
        try (StorageAdapter adapter = StorageAdapter.open(dir, current::get)) {
            FileStore store = adapter.fileStore();
            byte[] one = "on disk".getBytes(StandardCharsets.UTF_8);
            store.put("c/r/a.txt", new ByteArrayInputStream(one), one.length, "text/plain", "");
            assertTrue(dir.resolve("storage/c/r/a.txt").toFile().isFile());

            current.set(on);
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
        try (StorageAdapter adapter = StorageAdapter.open(dir, () -> S3Config.DEFAULTS)) {
            adapter.s3Probe().check(settings(bucket));
            S3Config right = settings(bucket);
            S3Config wrong = new S3Config(true, right.bucket(), right.region(), right.endpoint(), right.accessKey(),
                    Secret.of("not-the-secret"), right.forcePathStyle());
            assertThrows(IllegalStateException.class, () -> adapter.s3Probe().check(wrong));
        }
    }
}
