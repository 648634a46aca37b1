package dev.locket.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario of upstream's API test tables: a request against a copy of the fixture and the response
 * PocketBase gives (the shape of {@code pocketbase-api-scenarios/1}). Translations of upstream scenarios
 * whose setup is Go code add {@code setup} steps (SQL on the copy, settings, files, requests) and
 * {@code after} checks (SQL, requests, files, mails) that state the same preconditions and side effects.
 */
record UpstreamScenario(String id, String file, String method, String url, byte[] body,
                        Map<String, String> headers, int expectedStatus, List<String> expectedContent,
                        List<String> notExpectedContent, List<String> expectedContentFiles, int timeoutMs,
                        List<JsonNode> setup, List<JsonNode> after, String now, boolean mail, boolean isolated,
                        Map<String, String> expectedHeaders) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Read-only scenarios share one server; anything that may write gets a fresh copy of its own. */
    boolean shareable() {
        return !isolated && setup.isEmpty() && after.isEmpty() && now == null && !mail && expectedHeaders.isEmpty()
                && (method.equals("GET") || method.equals("HEAD")) && timeoutMs == 0;
    }

    static List<UpstreamScenario> load(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            List<UpstreamScenario> out = new ArrayList<>();
            for (JsonNode s : root.get("scenarios")) {
                if (s.has("skip")) {
                    continue; // listed for the record; a translation elsewhere covers it
                }
                out.add(of(s));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UpstreamScenario of(JsonNode s) {
        Map<String, String> headers = new LinkedHashMap<>();
        s.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new UpstreamScenario(s.get("id").asText(), s.path("file").asText(), s.path("method").asText("GET"),
                s.get("url").asText(), body(s), headers,
                s.get("expectedStatus").asInt(), texts(s.path("expectedContent")),
                texts(s.path("notExpectedContent")), texts(s.path("expectedContentFiles")),
                s.path("timeoutMs").asInt(0), nodes(s.path("setup")), nodes(s.path("after")),
                s.path("now").isTextual() ? s.get("now").asText() : null, s.path("mail").asBoolean(false),
                s.path("isolated").asBoolean(false), textMap(s.path("expectedHeaders")));
    }

    /** The body's UTF-8 bytes, or {@code bodyFill.length} zero bytes (too large to spell out), or null. */
    private static byte[] body(JsonNode s) {
        if (s.has("bodyFill")) {
            return new byte[s.get("bodyFill").get("length").asInt()];
        }
        return s.path("body").isTextual() ? s.get("body").asText().getBytes(StandardCharsets.UTF_8) : null;
    }

    static Map<String, String> textMap(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<JsonNode> nodes(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
