package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locket behind a stock nginx from Debian's packages with its default proxy configuration: only
 * {@code proxy_pass}, so nginx talks HTTP/1.0 to Locket, one connection per request (issue 12
 * item 3: this answered 502 to everything). The official JS SDK logs in, writes records and a file,
 * and receives realtime events through it. Also {@code curl --http1.0} straight at Locket.
 */
class NginxProxyIT {
    @TempDir
    Path tmp;

    @Test
    void curlHttp10GetsANormalAnswer() throws Exception {
        Path curl = DebianPackages.require("curl", "curl");
        try (LocketProcess server = LocketProcess.serve(LocketProcess.sdkDataDir(tmp))) {
            Process p = new ProcessBuilder(curl.toString(), "-s", "-i", "--http1.0", "--max-time", "10",
                    server.baseUrl() + "/api/health").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.startsWith("HTTP/1.0 200 OK\r\n"), out);
            assertTrue(out.endsWith("{\"message\":\"API is healthy.\",\"code\":200,\"data\":{}}"), out);
        }
    }

    @Test
    void theJsSdkWorksThroughNginxWithItsDefaultProxyConfiguration() throws Exception {
        Path nginx = DebianPackages.require("nginx", "nginx");
        try (LocketProcess server = LocketProcess.serve(LocketProcess.sdkDataDir(tmp))) {
            int port = LocketProcess.freePort();
            Path conf = tmp.resolve("nginx");
            Files.createDirectories(conf);
            // Everything nginx writes stays in the temp dir; a single process (no master/workers) so the
            // test's user owns all of it. The proxy part is nginx's default: proxy_pass and nothing else.
            Files.writeString(conf.resolve("nginx.conf"), """
                    daemon off;
                    master_process off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log info;
                    events { worker_connections 256; }
                    http {
                        log_format upstream '$request $status upstream=$upstream_status';
                        access_log %1$s/access.log upstream;
                        client_body_temp_path %1$s/client_body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        server {
                            listen 127.0.0.1:%2$d;
                            location / {
                                proxy_pass http://127.0.0.1:%3$d;
                            }
                        }
                    }
                    """.formatted(conf, port, server.port));
            Process proxy = new ProcessBuilder(nginx.toString(), "-p", conf.toString(), "-c",
                    conf.resolve("nginx.conf").toString(), "-e", conf.resolve("error.log").toString())
                    .redirectErrorStream(true).redirectOutput(conf.resolve("stdout.log").toFile()).start();
            try {
                String url = "http://127.0.0.1:" + port;
                awaitHealthy(proxy, url, conf);
                server.runSdk(tmp, Map.of("LOCKET_URL", url, "LOCKET_VIA_PROXY", "1"), "needs-proxy/");
                List<String> log = Files.readAllLines(conf.resolve("access.log"));
                assertTrue(log.stream().anyMatch(l -> l.startsWith("GET /api/realtime ") && l.contains("upstream=200")),
                        "the event stream went through nginx:\n" + String.join("\n", log));
                assertFalse(log.stream().anyMatch(l -> l.contains("upstream=502") || l.contains(" 502 ")),
                        String.join("\n", log));
            } finally {
                proxy.destroy();
                if (!proxy.waitFor(10, TimeUnit.SECONDS)) {
                    proxy.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static void awaitHealthy(Process proxy, String url, Path conf) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!proxy.isAlive()) {
                throw new IllegalStateException("nginx exited " + proxy.exitValue() + ":\n"
                        + Files.readString(conf.resolve("stdout.log")) + readIfExists(conf.resolve("error.log")));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nginx did not proxy /api/health: " + last + "\n"
                + readIfExists(conf.resolve("error.log")));
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
