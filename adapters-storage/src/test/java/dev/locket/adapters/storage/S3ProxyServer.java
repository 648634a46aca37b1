package dev.locket.adapters.storage;

import dev.locket.domain.settings.S3Config;
import dev.locket.domain.settings.Secret;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Runs the S3Proxy jar the build copied to {@code target/test-servers} as a child process on a free
 * port (filesystem backend in a temp folder) for the test class (STACK.md §4). Shared through this module's
 * test-jar with the end-to-end tests of the packaged jar.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {
    public static final String IDENTITY = "local-identity";
    public static final String CREDENTIAL = "local-credential";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private Process process;
    private Path base;
    private int port;

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A new, empty bucket. */
    public String newBucket() {
        String bucket = "locket-test-" + BUCKETS.incrementAndGet();
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    /** The {@code s3} settings section pointing at {@code bucket} on this server. */
    public Map<String, Object> settings(String bucket) {
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("enabled", true);
        s3.put("bucket", bucket);
        s3.put("region", "us-east-1");
        s3.put("endpoint", endpoint());
        s3.put("accessKey", IDENTITY);
        s3.put("secret", CREDENTIAL);
        s3.put("forcePathStyle", true);
        return s3;
    }

    /** The same as a typed {@code s3} settings section. */
    public S3Config config(String bucket) {
        return new S3Config(true, bucket, "us-east-1", endpoint(), IDENTITY, Secret.of(CREDENTIAL), true);
    }

    /** A client of this server, to look into buckets. */
    public S3Client client() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path jar = Path.of(System.getProperty("locket.testServers", "target/test-servers"), "s3proxy.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "S3Proxy jar not found at " + jar);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = Files.createTempDirectory("s3proxy");
        Path data = Files.createDirectories(base.resolve("data"));
        Path props = base.resolve("s3proxy.properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data) + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(base.resolve("s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(base.resolve("s3proxy.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode();
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("S3Proxy did not start");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (base != null) {
            try (Stream<Path> walk = Files.walk(base)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
