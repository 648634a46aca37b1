package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve DOMAIN}: a certificate is obtained over ACME from Debian's {@code pebble} test CA and served.
 * Pebble resolves the domain through {@code pebble-challtestsrv}'s DNS (every name is 127.0.0.1) and checks
 * the HTTP-01 challenge on Locket's plain listener, whose port it is configured with.
 */
class AutoTlsIT {
    private static final String DOMAIN = "locket.test";
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started.reversed()) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aCertificateFromPebbleIsServedAndPlainHttpRedirects() throws Exception {
        Path pebble = DebianPackages.require("pebble", "pebble");
        Path challtestsrv = DebianPackages.require("pebble-challtestsrv", "pebble");
        int acme = LocketProcess.freePort();
        int management = LocketProcess.freePort();
        int dns = LocketProcess.freePort();
        int http = LocketProcess.freePort();
        int https = LocketProcess.freePort();
        Path pebbleCert = selfSignedPem(tmp.resolve("pebble"));
        Files.writeString(tmp.resolve("pebble.json"), """
                {"pebble":{"listenAddress":"127.0.0.1:%d","managementListenAddress":"127.0.0.1:%d",
                 "certificate":"%s","privateKey":"%s","httpPort":%d,"tlsPort":%d,"ocspResponderURL":"",
                 "externalAccountBindingRequired":false}}""".formatted(acme, management, pebbleCert,
                tmp.resolve("pebble/key.pem"), http, LocketProcess.freePort()));
        start(Map.of(), tmp.resolve("challtestsrv.log"), challtestsrv.toString(), "-dns01", "127.0.0.1:" + dns,
                "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + LocketProcess.freePort(),
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "");
        start(Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0"), tmp.resolve("pebble.log"),
                pebble.toString(), "-config", tmp.resolve("pebble.json").toString(), "-dnsserver", "127.0.0.1:" + dns);
        awaitPort(acme);

        Path dir = tmp.resolve("pb_data");
        Path log = tmp.resolve("locket.log");
        Process locket = startLocket(dir, log, acme, pebbleCert, http, https);
        awaitOutput(locket, log, "Server started at https://" + DOMAIN + ":" + https);

        // the chain validates against the root pebble generated for this run
        X509Certificate root = pebbleRoot(management, pebbleCert);
        String health = httpsGet(https, root, "/api/health");
        assertTrue(health.startsWith("HTTP/1.1 200"), health);
        assertTrue(health.contains("\"message\":\"API is healthy.\""), health);

        try (Socket plain = new Socket("127.0.0.1", http)) {
            plain.getOutputStream().write(("GET /api/health?x=1 HTTP/1.1\r\nHost: " + DOMAIN + ":" + http + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String redirect = response(plain.getInputStream());
            assertTrue(redirect.startsWith("HTTP/1.1 302"), redirect);
            assertTrue(redirect.contains("Location: https://" + DOMAIN + "/api/health?x=1\r\n"), redirect);
        }
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + http + "/api/health")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, post.statusCode(), "only GET and HEAD are redirected, as upstream");
        assertTrue(Files.isDirectory(dir.resolve(".autocert_cache")), "the certificate is kept in the data dir");

        // a restart serves the cached certificate: the CA is not asked again
        locket.destroy();
        assertTrue(locket.waitFor(20, TimeUnit.SECONDS));
        started.remove(locket);
        for (Process p : started) {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        Path again = tmp.resolve("locket-again.log");
        Process restarted = startLocket(dir, again, acme, pebbleCert, http, https);
        awaitOutput(restarted, again, "Server started at https://" + DOMAIN + ":" + https);
        assertTrue(httpsGet(https, root, "/api/health").startsWith("HTTP/1.1 200"));
        assertTrue(!Files.readString(again).contains("requesting a certificate"), Files.readString(again));
    }

    private Process startLocket(Path dir, Path log, int acme, Path pebbleCert, int http, int https)
            throws IOException {
        return start(Map.of("LOCKET_ACME_DIRECTORY", "https://127.0.0.1:" + acme + "/dir",
                        "LOCKET_ACME_CA_FILE", pebbleCert.toString()), log,
                LocketProcess.java(), "-jar", LocketProcess.jar().toString(), "serve", DOMAIN,
                "--http", "127.0.0.1:" + http, "--https", "127.0.0.1:" + https, "--dir", dir.toString());
    }

    private Process start(Map<String, String> env, Path log, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }

    private static void awaitOutput(Process p, Path log, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String out = Files.readString(log);
            if (out.contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("Locket exited:\n" + out);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + line + "' in:\n" + Files.readString(log));
    }

    /** A key and self-signed certificate for pebble's own HTTPS listener, made with the JDK's keytool. */
    private static Path selfSignedPem(Path folder) throws Exception {
        Files.createDirectories(folder);
        Path store = folder.resolve("pebble.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "pebble", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        Files.writeString(folder.resolve("key.pem"), pem("PRIVATE KEY",
                ks.getKey("pebble", "changeit".toCharArray()).getEncoded()));
        Path cert = folder.resolve("cert.pem");
        Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("pebble").getEncoded()));
        return cert;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Pebble's root for this run, from its management API (served with the certificate made above). */
    private static X509Certificate pebbleRoot(int management, Path pebbleCert) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate(Files.readAllBytes(pebbleCert))))
                .build();
        HttpResponse<byte[]> root = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + management
                + "/roots/0")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, root.statusCode());
        return certificate(root.body());
    }

    private static X509Certificate certificate(byte[] pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
    }

    private static SSLContext trusting(X509Certificate root) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** GET over TLS to 127.0.0.1 as {@value DOMAIN} (SNI and host name check), trusting only {@code root}. */
    private static String httpsGet(int port, X509Certificate root, String path) throws Exception {
        try (Socket plain = new Socket("127.0.0.1", port);
             SSLSocket tls = (SSLSocket) trusting(root).getSocketFactory().createSocket(plain, DOMAIN, port, true)) {
            SSLParameters params = tls.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(DOMAIN)));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
            tls.startHandshake();
            X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            assertTrue(leaf.getSubjectAlternativeNames().toString().contains(DOMAIN), leaf.toString());
            tls.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + DOMAIN + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            return response(tls.getInputStream());
        }
    }

    /** One HTTP/1.1 response: the head, then as many body bytes as Content-Length says. */
    private static String response(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
