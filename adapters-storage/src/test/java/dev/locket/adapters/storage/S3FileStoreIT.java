package dev.locket.adapters.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.FileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** The file store contract against a real S3 API (S3Proxy), plus the runtime switch and the settings probe. */
class S3FileStoreIT extends FileStoreContract {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    Path dir;

    private static Map<String, Object> settings(String bucket) {
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("enabled", true);
        s3.put("bucket", bucket);
        s3.put("region", "us-east-1");
        s3.put("endpoint", S3.endpoint());
        s3.put("accessKey", S3ProxyServer.IDENTITY);
        s3.put("secret", S3ProxyServer.CREDENTIAL);
        s3.put("forcePathStyle", true);
        return s3;
    }

    private static String newBucket() {
        String bucket = "locket-test-" + BUCKETS.incrementAndGet();
        try (S3Client client = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(S3.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            client.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
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
