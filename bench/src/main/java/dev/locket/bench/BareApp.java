package dev.locket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bare-stack reference of issue 16: Helidon 4 SE + Jackson + sqlite-jdbc (the project's versions, as it
 * runs from {@code locket.jar}'s libs), nothing else. {@code POST /api/collections/posts10k/records} inserts one
 * row in a transaction of its own and answers it as JSON; {@code GET /api/collections/<any>/records/<id>} and
 * {@code GET /api/collections/<any>/records} answer one row. No validation, rules, hooks, logs, auth or
 * filters: its throughput is the ceiling Locket's figures are read against, measured in the same run.
 * Usage: {@code BareApp serve --http 127.0.0.1:PORT --dir DIR}.
 */
public final class BareApp {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper json = new ObjectMapper();
    private final Connection writer;
    // one writer, as Locket has; a lock, not synchronized, so virtual threads are not pinned while they wait
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers;

    private BareApp(Path db, int readers) throws SQLException {
        this.writer = open(db);
        try (Statement st = writer.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE IF NOT EXISTS posts (id TEXT PRIMARY KEY NOT NULL, title TEXT, description TEXT,"
                    + " public BOOLEAN, type JSON, author TEXT, created TEXT, updated TEXT)");
        }
        this.readers = new ArrayBlockingQueue<>(readers);
        for (int i = 0; i < readers; i++) {
            this.readers.add(open(db));
        }
    }

    /** Same pragmas as Locket's connections (WORKLOAD §2). */
    private static Connection open(Path db) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            st.execute("PRAGMA synchronous=NORMAL");
            st.execute("PRAGMA foreign_keys=ON");
            st.execute("PRAGMA temp_store=MEMORY");
            st.execute("PRAGMA cache_size=-32000");
            st.execute("PRAGMA journal_size_limit=200000000");
        }
        return c;
    }

    public static void main(String[] args) throws Exception {
        String http = "127.0.0.1:8090";
        Path dir = Path.of("pb_bare");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--http" -> http = args[++i];
                case "--dir" -> dir = Path.of(args[++i]);
                default -> { } // "serve" and anything else the harness passes
            }
        }
        Files.createDirectories(dir);
        BareApp app = new BareApp(dir.resolve("bare.db"), 4);
        int colon = http.lastIndexOf(':');
        WebServer server = WebServer.builder().host(http.substring(0, colon))
                .port(Integer.parseInt(http.substring(colon + 1)))
                .routing(r -> r
                        .get("/api/health", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/json")
                                .send("{\"message\":\"API is healthy.\",\"code\":200,\"data\":{}}"))
                        .post("/api/collections/{c}/records", app::create)
                        .get("/api/collections/{c}/records/{id}", app::view)
                        .get("/api/collections/{c}/records", app::view))
                .build().start();
        System.out.println("bare app on " + http + " port " + server.port());
    }

    private void create(ServerRequest req, ServerResponse res) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = json.readValue(req.content().inputStream(), Map.class);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", newId());
        row.put("title", String.valueOf(body.getOrDefault("title", "")));
        row.put("description", String.valueOf(body.getOrDefault("description", "")));
        row.put("public", Boolean.TRUE.equals(body.get("public")));
        row.put("type", body.getOrDefault("type", List.of()));
        row.put("author", String.valueOf(body.getOrDefault("author", "")));
        String now = Instant.now().toString();
        row.put("created", now);
        row.put("updated", now);
        writeLock.lock();
        try (PreparedStatement ps = writer.prepareStatement("INSERT INTO posts (id, title, description, public, type,"
                + " author, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, (String) row.get("id"));
            ps.setString(2, (String) row.get("title"));
            ps.setString(3, (String) row.get("description"));
            ps.setBoolean(4, (Boolean) row.get("public"));
            ps.setString(5, json.writeValueAsString(row.get("type")));
            ps.setString(6, (String) row.get("author"));
            ps.setString(7, now);
            ps.setString(8, now);
            ps.executeUpdate(); // autocommit: one transaction per row
        } finally {
            writeLock.unlock();
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(json.writeValueAsBytes(row));
    }

    private void view(ServerRequest req, ServerResponse res) throws Exception {
        String id = req.path().pathParameters().first("id").orElse("");
        Connection c = readers.take();
        Map<String, Object> row = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(id.isEmpty()
                ? "SELECT id, title, description, public, type, author, created, updated FROM posts LIMIT 1"
                : "SELECT id, title, description, public, type, author, created, updated FROM posts WHERE id = ?")) {
            if (!id.isEmpty()) {
                ps.setString(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    for (int i = 1; i <= 8; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                }
            }
        } finally {
            readers.add(c);
        }
        if (row.isEmpty() && !id.isEmpty()) {
            res.status(Status.NOT_FOUND_404);
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(json.writeValueAsBytes(row));
    }

    private static String newId() {
        char[] id = new char[15];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }
}
