package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locket.adapters.storage.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The JS SDK's file suite ({@code e2e/files.test.mjs}) against the packaged jar with its storage switched to S3
 * through the settings API, on a real S3 API server (S3Proxy) the build starts: every byte goes to the bucket.
 */
class FilesOnS3IT {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    Path tmp;

    @Test
    void theSdkFileSuitePassesWithStorageOnS3() throws Exception {
        Path dir = LocketProcess.sdkDataDir(tmp);
        String bucket = S3.newBucket();
        try (LocketProcess server = LocketProcess.serve(dir)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = http.send(json(server.baseUrl()
                    + "/api/collections/_superusers/auth-with-password", null, "POST",
                    new ObjectMapper().writeValueAsString(Map.of("identity", LocketProcess.SDK_EMAIL,
                            "password", LocketProcess.SDK_PASSWORD))),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(login.body());
            assertTrue(token.find(), login.body());
            String s3 = new ObjectMapper().writeValueAsString(Map.of("s3", S3.settings(bucket)));
            HttpResponse<String> patched = http.send(json(server.baseUrl() + "/api/settings", token.group(1),
                    "PATCH", s3), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, patched.statusCode(), patched.body());
            HttpResponse<String> probe = http.send(json(server.baseUrl() + "/api/settings/test/s3", token.group(1),
                    "POST", "{\"filesystem\":\"storage\"}"), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, probe.statusCode(), probe.body());

            server.runSdk(tmp, Map.of(), "files.test.mjs");
        }
        try (S3Client client = S3.client()) {
            int objects = client.listObjectsV2(b -> b.bucket(bucket)).keyCount();
            assertTrue(objects > 0, "the uploads (and their thumbnails) are in the bucket");
        }
        Path local = dir.resolve("storage");
        try (Stream<Path> files = Files.exists(local) ? Files.walk(local) : Stream.empty()) {
            assertEquals(0, files.filter(Files::isRegularFile).count(), "nothing was written to local storage");
        }
    }

    private static HttpRequest json(String url, String token, String method, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", token);
        }
        return b.build();
    }
}
