package dev.locket.adapters.storage;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the S3Proxy jar the build copied to {@code target/test-servers} as a child process on a free
 * port (filesystem backend in a temp folder) for the test class (STACK.md §4).
 */
final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {
    static final String IDENTITY = "local-identity";
    static final String CREDENTIAL = "local-credential";

    private Process process;
    private Path base;
    private int port;

    String endpoint() {
        return "http://127.0.0.1:" + port;
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
