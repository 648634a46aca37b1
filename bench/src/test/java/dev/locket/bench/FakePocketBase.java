package dev.locket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal in-memory stand-in for the server's HTTP API, just enough for the harness's setup
 * and scenarios to run end to end. It has no custom route, so the route scenarios fail with 404
 * (which the harness must report, not drop).
 */
final class FakePocketBase implements AutoCloseable {

    private final ServerSocket socket;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<String, Map<String, Object>>> records = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();

    FakePocketBase() throws IOException {
        this(0);
    }

    FakePocketBase(int port) throws IOException {
        socket = new ServerSocket(port, 2000, InetAddress.getLoopbackAddress());
        records.put("users", new ConcurrentHashMap<>());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> handle(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /** Manual smoke test of the process handling: {@code serve --http 127.0.0.1:PORT} serves until killed. */
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--http")) {
                try (FakePocketBase fake = new FakePocketBase(Integer.parseInt(args[i + 1].split(":")[1]))) {
                    System.out.println("fake API on port " + fake.port());
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    int size(String collection) {
        return records.getOrDefault(collection, Map.of()).size();
    }

    private void handle(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            String[] requestLine = HttpResponse.readLine(in).split(" ");
            int length = 0;
            for (String h = HttpResponse.readLine(in); h != null && !h.isEmpty(); h = HttpResponse.readLine(in)) {
                if (h.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            Object[] answer = route(requestLine[0], requestLine[1], body);
            byte[] out = answer[1] == null ? new byte[0] : json.writeValueAsBytes(answer[1]);
            OutputStream os = s.getOutputStream();
            os.write(("HTTP/1.1 " + answer[0] + " X\r\nContent-Type: application/json\r\nContent-Length: "
                    + out.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            os.write(out);
            os.flush();
        } catch (Exception ignored) {
            // client gone
        }
    }

    @SuppressWarnings("unchecked")
    private Object[] route(String method, String target, byte[] body) throws IOException {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
        Map<String, Object> in = body.length == 0 ? Map.of() : json.readValue(body, Map.class);
        String[] p = path.split("/");
        if (path.equals("/api/health")) {
            return ok(Map.of("code", 200));
        }
        if (path.equals("/api/settings")) {
            return ok(Map.of());
        }
        if (path.equals("/api/collections") && method.equals("POST")) {
            records.putIfAbsent((String) in.get("name"), new ConcurrentHashMap<>());
            return ok(Map.of("id", "pbc_" + in.get("name")));
        }
        if (p.length == 4 && p[2].equals("collections")) {
            if (method.equals("GET")) {
                return ok(Map.of("id", "_pb_users_auth_", "indexes", List.of(), "fields",
                        List.of(Map.of("name", "id"), Map.of("name", "email"), Map.of("name", "name"))));
            }
            Object newName = in.get("name");
            if (newName != null && records.containsKey(p[3])) {
                records.put((String) newName, records.remove(p[3]));
            }
            return ok(Map.of());
        }
        if (p.length == 5 && p[4].equals("auth-with-password")) {
            String identity = String.valueOf(in.get("identity"));
            if (p[3].equals("_superusers")) {
                return ok(Map.of("token", "su-token", "record", Map.of("id", "su", "email", identity)));
            }
            for (Map<String, Object> user : records.get(p[3]).values()) {
                if (identity.equals(user.get("email"))) {
                    return ok(Map.of("token", "token-" + user.get("id"), "record", user));
                }
            }
            return new Object[] {400, Map.of("status", 400, "message", "Failed to authenticate.")};
        }
        if (p.length == 5 && p[4].equals("auth-refresh")) {
            return ok(Map.of("token", "refreshed"));
        }
        if (p.length >= 5 && p[4].equals("records")) {
            Map<String, Map<String, Object>> c = records.get(p[3]);
            if (c == null) {
                return new Object[] {404, Map.of("status", 404, "message", "Missing collection.")};
            }
            if (p.length == 5 && method.equals("POST")) {
                String id = "r" + ids.incrementAndGet();
                Map<String, Object> r = new LinkedHashMap<>(in);
                r.put("id", id);
                c.put(id, r);
                return ok(r);
            }
            if (p.length == 5) {
                int perPage = 30;
                for (String kv : query.split("&")) {
                    if (kv.startsWith("perPage=")) {
                        perPage = Integer.parseInt(URLDecoder.decode(kv.substring(8), StandardCharsets.UTF_8));
                    }
                }
                List<Object> items = new ArrayList<>();
                for (String id : c.keySet()) {
                    if (items.size() >= perPage) {
                        break;
                    }
                    items.add(Map.of("id", id));
                }
                return ok(Map.of("items", items, "totalItems", c.size()));
            }
            Map<String, Object> r = c.get(p[5]);
            if (r == null) {
                return new Object[] {404, Map.of("status", 404, "message", "The requested resource wasn't found.")};
            }
            return switch (method) {
                case "DELETE" -> {
                    c.remove(p[5]);
                    yield new Object[] {204, null};
                }
                case "PATCH" -> {
                    r.putAll(in);
                    yield ok(r);
                }
                default -> ok(r);
            };
        }
        return new Object[] {404, Map.of("status", 404, "message", "Not found.")};
    }

    private static Object[] ok(Object body) {
        return new Object[] {200, body};
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
