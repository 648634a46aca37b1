package dev.locket.bootstrap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays {@link UpstreamScenario}s and compares the answers the way upstream's test harness does:
 * the status must match; with no expected fragments the body must be empty; otherwise the body (compacted
 * when it is JSON, exactly as Go's {@code json.Compact}) must contain every expected fragment and none of
 * the unexpected ones, and the raw body must contain the bytes of every expected fixture file.
 */
final class ScenarioReplay {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Where mails of scenarios marked {@code mail} go, and how to read them back. */
    interface Mailbox {
        int smtpPort();

        /** The raw text of every message received since the last call. */
        List<String> drain() throws Exception;
    }

    /** An OAuth2/OpenID provider the scenarios can hand sign-ins to ({@code {{idp}}} is its base URL). */
    interface Idp {
        String url();

        void grant(String code, String redirectUri, Map<String, Object> user);
    }

    private final Path fixture;
    private final Mailbox mailbox;
    private final Idp idp;

    ScenarioReplay(Path fixture, Mailbox mailbox, Idp idp) {
        this.fixture = fixture;
        this.mailbox = mailbox;
        this.idp = idp;
    }

    /** Runs one scenario on a fresh copy of the fixture under {@code work}; returns what did not match. */
    List<String> runIsolated(UpstreamScenario sc, Path work) throws Exception {
        Path dir = work.resolve("pb_data");
        LocketProcess.copyTree(fixture, dir);
        List<String> problems = new ArrayList<>();
        // steps before the first online one (request, realtime client) are applied to the copy before the server
        // starts; file steps after one (say, a copy of a backup the requests made) while it runs
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("idp", idp.url());
        int firstOnline = 0;
        while (firstOnline < sc.setup().size() && !online(sc.setup().get(firstOnline))) {
            applyOffline(dir, sc.setup().get(firstOnline++), vars);
        }
        if (sc.mail()) {
            patchSettings(dir, "{\"smtp\":{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + mailbox.smtpPort()
                    + ",\"username\":\"\",\"password\":\"\",\"authMethod\":\"PLAIN\",\"tls\":false}}");
            mailbox.drain();
        }
        Clock clock = sc.now() == null ? Clock.systemUTC()
                : Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse(sc.now())));
        Map<String, SseClient> clients = new LinkedHashMap<>();
        try (JarLocket server = JarLocket.serve(dir, clock)) {
            try {
                for (JsonNode step : sc.setup().subList(firstOnline, sc.setup().size())) {
                    if (step.has("sse")) {
                        SseClient client = SseClient.open(server.port, headers(textMap(step.path("headers"), vars)));
                        clients.put(step.get("sse").asText(), client);
                        vars.put(step.get("sse").asText(), client.clientId());
                    } else if (step.has("request")) {
                        Thread.sleep(step.path("waitMs").asInt(0));
                        RawHttp.Response r = send(server.port, step.get("request"), vars);
                        int want = step.path("expectedStatus").asInt(0);
                        if (want != 0 && r.status() != want) {
                            problems.add("setup " + step.get("request") + " answered " + r.status() + ": " + r.text());
                            return problems;
                        }
                        if (step.has("capture")) {
                            vars.put(step.get("capture").get("var").asText(), UpstreamScenario.JSON.readTree(r.text())
                                    .path(step.get("capture").get("field").asText()).asText());
                        }
                    } else if (step.has("idpGrant")) {
                        JsonNode g = step.get("idpGrant");
                        idp.grant(g.get("code").asText(), g.get("redirect").asText(), UpstreamScenario.JSON.readValue(
                                substitute(g.get("user").toString(), vars), Map.class));
                    } else if (step.has("file")) {
                        applyOffline(dir, step, vars);
                    } else {
                        throw new IllegalArgumentException("only file steps may follow a request: " + step);
                    }
                }
                problems.addAll(check(sc, server.port, vars));
                if (!sc.after().isEmpty()) {
                    Thread.sleep(sc.after().stream().mapToInt(a -> a.path("delayMs").asInt(0)).max().orElse(0));
                    List<String> mails = sc.mail() ? awaitMails(sc) : List.of();
                    for (JsonNode check : sc.after()) {
                        problems.addAll(after(check, dir, server.port, mails, vars, clients));
                    }
                }
            } finally {
                for (SseClient c : clients.values()) {
                    c.close();
                }
            }
        }
        return problems;
    }

    private static boolean online(JsonNode step) {
        return step.has("request") || step.has("sse") || step.has("idpGrant");
    }

    /** {@code {{name}}} replaced by what a realtime client step or a captured answer named so. */
    static String substitute(String text, Map<String, String> vars) {
        String out = text;
        for (var e : vars.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return out;
    }

    private static Map<String, String> textMap(JsonNode object, Map<String, String> vars) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), substitute(e.getValue().asText(), vars)));
        return out;
    }

    private List<String> awaitMails(UpstreamScenario sc) throws Exception {
        int wanted = 0;
        for (JsonNode a : sc.after()) {
            if (a.has("mails")) {
                wanted = Math.max(wanted, a.get("mails").asInt());
            }
        }
        List<String> mails = new ArrayList<>(mailbox.drain());
        long deadline = System.nanoTime() + Duration.ofSeconds(wanted > 0 ? 5 : 0).toNanos();
        while (mails.size() < wanted && System.nanoTime() < deadline) {
            Thread.sleep(50);
            mails.addAll(mailbox.drain());
        }
        if (wanted == 0) {
            Thread.sleep(300); // give a wrongly sent mail the chance to show up
            mails.addAll(mailbox.drain());
        }
        return mails;
    }

    /** Runs a read-only scenario against a server shared with other read-only scenarios. */
    List<String> check(UpstreamScenario sc, int port) throws IOException {
        return check(sc, port, Map.of());
    }

    private List<String> check(UpstreamScenario sc, int port, Map<String, String> vars) throws IOException {
        Map<String, String> hs = new LinkedHashMap<>();
        sc.headers().forEach((k, v) -> hs.put(k, substitute(v, vars)));
        byte[] body = sc.body() == null ? null
                : vars.isEmpty() ? sc.body() : substitute(new String(sc.body(), StandardCharsets.UTF_8), vars)
                        .getBytes(StandardCharsets.UTF_8);
        RawHttp.Response res = RawHttp.exchange(port, sc.method(), substitute(sc.url(), vars), headers(hs), body,
                sc.timeoutMs());
        List<String> problems = compare(sc.expectedStatus(), sc.expectedContent(), sc.notExpectedContent(),
                sc.expectedContentFiles(), res);
        sc.expectedHeaders().forEach((name, part) -> {
            String got = res.headers().getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
            if (!got.contains(substitute(part, vars))) {
                problems.add("header " + name + " is \"" + got + "\", expected it to contain " + part);
            }
        });
        return problems;
    }

    private List<String> compare(int status, List<String> expected, List<String> notExpected, List<String> files,
                                 RawHttp.Response res) throws IOException {
        List<String> problems = new ArrayList<>();
        String body = res.text();
        if (res.status() != status) {
            problems.add("status " + res.status() + ", expected " + status + " — body: " + abbreviate(body));
            return problems;
        }
        if (expected.isEmpty() && notExpected.isEmpty() && files.isEmpty()) {
            if (res.body().length != 0) {
                problems.add("expected an empty body, got: " + abbreviate(body));
            }
            return problems;
        }
        String normalized = compact(body);
        for (String e : expected) {
            if (!normalized.contains(e)) {
                problems.add("missing " + e + " in " + abbreviate(normalized));
                break;
            }
        }
        for (String e : notExpected) {
            if (normalized.contains(e)) {
                problems.add("unexpected " + e + " in " + abbreviate(normalized));
                break;
            }
        }
        for (String f : files) {
            byte[] want = Files.readAllBytes(fixture.resolve(f));
            if (RawHttp.indexOf(res.body(), want, 0) < 0) {
                problems.add("body does not hold the bytes of " + f);
            }
        }
        return problems;
    }

    private static String abbreviate(String s) {
        String printable = s.codePoints().anyMatch(c -> c == 0xFFFD || (c < 0x20 && c != '\n' && c != '\t'))
                ? "(" + s.length() + " characters of binary data)" : s;
        return printable.length() > 600 ? printable.substring(0, 600) + "…" : printable;
    }

    /** Go's {@code json.Compact}: whitespace outside strings removed, nothing else touched; non-JSON as is. */
    static String compact(String body) {
        if (body.isBlank()) {
            return body;
        }
        try {
            STRICT.readTree(body);
        } catch (IOException notJson) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(body.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Map<String, String> headers(Map<String, String> scenario) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        scenario.forEach((k, v) -> {
            h.keySet().removeIf(existing -> existing.equalsIgnoreCase(k));
            h.put(k, v.strip());
        });
        return h;
    }

    private static RawHttp.Response send(int port, JsonNode req, Map<String, String> vars) throws IOException {
        String body = req.path("body").isTextual() ? req.get("body").asText()
                : req.has("body") && !req.get("body").isNull() ? req.get("body").toString() : null;
        return RawHttp.exchange(port, req.path("method").asText("GET"), substitute(req.get("url").asText(), vars),
                headers(textMap(req.path("headers"), vars)),
                body == null ? null : substitute(body, vars).getBytes(StandardCharsets.UTF_8), 0);
    }

    // ---- setup before the server starts -------------------------------------------------------------

    private static void applyOffline(Path dir, JsonNode step, Map<String, String> vars) throws Exception {
        if (step.has("sql")) {
            try (Connection c = open(dir, step.path("db").asText("data")); Statement st = c.createStatement()) {
                for (JsonNode sql : step.get("sql").isArray() ? step.get("sql") : List.of(step.get("sql"))) {
                    st.execute(substitute(sql.asText(), vars));
                }
            }
        } else if (step.has("settings")) {
            patchSettings(dir, step.get("settings").toString());
        } else if (step.has("file")) {
            Path target = dir.resolve(step.get("file").asText());
            Files.createDirectories(target.getParent());
            if (step.has("base64")) {
                Files.write(target, Base64.getDecoder().decode(step.get("base64").asText()));
            } else if (step.has("copyOf")) {
                Files.copy(dir.resolve(step.get("copyOf").asText()), target);
            } else {
                Files.writeString(target, step.path("text").asText());
            }
        } else {
            throw new IllegalArgumentException("unknown setup step " + step);
        }
    }

    /** Merges {@code patch} (RFC 7396, as SQLite's json_patch does it) into the stored settings. */
    private static void patchSettings(Path dir, String patch) throws SQLException {
        try (Connection c = open(dir, "data");
             var ps = c.prepareStatement("UPDATE _params SET value = CAST(json_patch(CAST(value AS TEXT), ?) AS BLOB)"
                     + " WHERE id = 'settings'")) {
            ps.setString(1, patch);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no settings row");
            }
        }
    }

    private static Connection open(Path dir, String db) throws SQLException {
        try {
            Class.forName("org.sqlite.JDBC"); // this class path's driver (the jar's lives in its own class loader)
        } catch (ClassNotFoundException e) {
            throw new SQLException(e);
        }
        String file = switch (db) {
            case "data" -> "data.db";
            case "auxiliary" -> "auxiliary.db";
            default -> throw new IllegalArgumentException(db);
        };
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(file));
    }

    // ---- checks after the request -------------------------------------------------------------------

    private List<String> after(JsonNode check, Path dir, int port, List<String> mails, Map<String, String> vars,
                               Map<String, SseClient> clients) throws Exception {
        List<String> problems = new ArrayList<>();
        if (check.has("sql")) {
            List<List<String>> rows = query(dir, check.path("db").asText("data"), check.get("sql").asText());
            List<List<String>> want = new ArrayList<>();
            for (JsonNode row : check.get("rows")) {
                List<String> r = new ArrayList<>();
                row.forEach(v -> r.add(v.isNull() ? null : v.asText()));
                want.add(r);
            }
            if (!rows.equals(want)) {
                problems.add("after: " + check.get("sql").asText() + " gave " + rows + ", expected " + want);
            }
        } else if (check.has("sse")) {
            SseClient c = clients.get(check.get("sse").asText());
            List<String> want = UpstreamScenario.texts(check.path("contains")).stream().map(t -> substitute(t, vars))
                    .toList();
            String seen = c.await(want, check.path("waitMs").asInt(want.isEmpty() ? 300 : 3000));
            for (String w : want) {
                if (!seen.contains(w)) {
                    problems.add("after: realtime client " + check.get("sse").asText() + " got no " + w + " in " + seen);
                }
            }
            for (String n : UpstreamScenario.texts(check.path("notContains"))) {
                if (seen.contains(substitute(n, vars))) {
                    problems.add("after: realtime client " + check.get("sse").asText() + " got " + n);
                }
            }
        } else if (check.has("request")) {
            RawHttp.Response r = send(port, check.get("request"), vars);
            for (String p : compare(check.get("expectedStatus").asInt(), UpstreamScenario.texts(
                    check.path("expectedContent")).stream().map(t -> substitute(t, vars)).toList(),
                    UpstreamScenario.texts(check.path("notExpectedContent")), List.of(), r)) {
                problems.add("after " + check.get("request").path("url").asText() + ": " + p);
            }
        } else if (check.has("path")) {
            boolean exists = Files.exists(dir.resolve(check.get("path").asText()));
            if (exists != check.get("exists").asBoolean()) {
                problems.add("after: " + check.get("path").asText() + (exists ? " exists" : " is missing"));
            }
        } else if (check.has("mails")) {
            if (mails.size() != check.get("mails").asInt()) {
                problems.add("after: " + mails.size() + " mails sent, expected " + check.get("mails").asInt());
            }
            for (String fragment : UpstreamScenario.texts(check.path("contains"))) {
                if (mails.stream().noneMatch(m -> m.contains(fragment))) {
                    problems.add("after: no mail contains " + fragment);
                }
            }
        } else if (!check.has("delayMs")) {
            throw new IllegalArgumentException("unknown after check " + check);
        }
        return problems;
    }

    private static List<List<String>> query(Path dir, String db, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = open(dir, db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.add(v == null ? null : v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                            : v.toString());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A realtime (SSE) connection held open while the scenario runs; everything it receives is kept. */
    static final class SseClient implements AutoCloseable {
        private final java.net.Socket socket;
        private final StringBuffer received = new StringBuffer();
        private final Thread reader;

        private SseClient(java.net.Socket socket) {
            this.socket = socket;
            this.reader = Thread.ofVirtual().start(() -> {
                try {
                    java.io.InputStream in = socket.getInputStream();
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException closed) {
                    // the scenario is over
                }
            });
        }

        static SseClient open(int port, Map<String, String> headers) throws IOException {
            java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
            StringBuilder head = new StringBuilder("GET /api/realtime HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            return new SseClient(socket);
        }

        /** The id PB_CONNECT gave this client. */
        String clientId() throws InterruptedException, IOException {
            String seen = await(List.of("\"clientId\":\""), 5000);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"clientId\":\"([^\"]+)\"").matcher(seen);
            if (!m.find()) {
                throw new IOException("no PB_CONNECT on the realtime stream: " + seen);
            }
            return m.group(1);
        }

        /** What arrived once every fragment did, or after {@code waitMs}. */
        String await(List<String> fragments, int waitMs) throws InterruptedException {
            long deadline = System.nanoTime() + waitMs * 1_000_000L;
            while (System.nanoTime() < deadline) {
                String now = received.toString();
                if (!fragments.isEmpty() && fragments.stream().allMatch(now::contains)) {
                    return now;
                }
                Thread.sleep(20);
            }
            return received.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
