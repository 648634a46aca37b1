package dev.locket.adapters.http.server;

import io.helidon.common.socket.PeerInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Handles clients that go away. A write to a connection its client closed ends the request with one log
 * line instead of an error. And it interrupts a request's thread once its client has gone away, so a query it waits for is stopped
 * instead of burning CPU for nobody (Go's server cancels the request context the same way).
 *
 * <p>Helidon reads a connection only between requests, and Java sockets cannot peek, so the client's close
 * is seen from the kernel instead: a connection the peer closed sits in {@code CLOSE_WAIT} in
 * {@code /proc/net/tcp}. Only requests still running after {@link #GRACE} are looked up, by one watcher
 * for all of them; where {@code /proc} is missing (not Linux) nothing is interrupted and the query budget
 * alone bounds the work.
 */
final class DisconnectWatch implements Filter {
    private static final System.Logger LOG = System.getLogger(DisconnectWatch.class.getName());
    // A request slower than this is worth a look at the kernel's table; shorter ones are not worth stopping, and
    // under a burst of connections most requests queue longer than a few hundred ms, when scans would only add load
    static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration PERIOD = Duration.ofMillis(500);
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** {@code st} of a socket whose peer sent FIN while we have not closed it. */
    private static final String CLOSE_WAIT = "08";

    /** One running request: its thread, both ends of its connection and when it started. */
    private record Watched(Thread thread, String local, String remote, long since) {
    }

    private final Map<Thread, Watched> running = new ConcurrentHashMap<>();
    private final boolean available = Files.isReadable(TABLES.getFirst());
    private Thread watcher;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        try {
            watch(chain, req);
        } catch (RuntimeException e) {
            if (!clientGone(e)) {
                if (e instanceof io.helidon.webserver.CloseConnectionException && e.getCause() != null) {
                    LOG.log(System.Logger.Level.WARNING, "the response to " + req.prologue().method().text() + " "
                            + req.path().path() + " failed after it had started: " + e.getCause(), e.getCause());
                }
                throw e;
            }
            // an everyday event (a closed tab, a cancelled fetch): one line, and nothing left to answer
            LOG.log(System.Logger.Level.INFO, "client " + req.remotePeer().address() + " went away before the"
                    + " response to " + req.prologue().method().text() + " " + req.path().path() + " was complete");
            LOG.log(System.Logger.Level.DEBUG, "client went away", e);
        }
    }

    /** Whether {@code e} is the write to a connection its client closed. */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof io.helidon.webserver.ServerConnectionException) {
                return true;
            }
            if (t instanceof java.io.IOException io && io.getMessage() != null
                    && (io.getMessage().contains("Broken pipe") || io.getMessage().contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    private void watch(FilterChain chain, RoutingRequest req) {
        String local = key(req.localPeer());
        String remote = key(req.remotePeer());
        if (!available || local == null || remote == null || !watched(req)) {
            chain.proceed();
            return;
        }
        Thread me = Thread.currentThread();
        running.put(me, new Watched(me, local, remote, System.nanoTime()));
        ensureWatcher();
        try {
            chain.proceed();
        } finally {
            running.remove(me);
            // an interrupt meant for this request must not reach the connection's next one
            Thread.interrupted();
        }
    }

    /**
     * Reads that may run long: API GETs, but not the realtime stream or file transfers (they notice a
     * gone client when their next write fails, and stay open for long on purpose).
     */
    private static boolean watched(RoutingRequest req) {
        String path = req.path().path();
        return req.prologue().method().equals(Method.GET) && path.startsWith("/api/")
                && !path.startsWith("/api/realtime") && !path.startsWith("/api/files/")
                && !req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains("text/event-stream")).orElse(false);
    }

    private synchronized void ensureWatcher() {
        if (watcher == null) {
            watcher = Thread.ofVirtual().name("locket-disconnect-watch").start(this::watch);
        }
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(PERIOD);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (running.isEmpty()) {
                    watcher = null; // the next watched request starts a new one
                    return;
                }
            }
            long now = System.nanoTime();
            List<Watched> due = running.values().stream().filter(w -> now - w.since() > GRACE.toNanos()).toList();
            if (due.isEmpty()) {
                continue;
            }
            Set<String> closed = closedByPeer();
            for (Watched w : due) {
                if (closed.contains(w.local() + ">" + w.remote()) && running.get(w.thread()) == w) {
                    LOG.log(System.Logger.Level.INFO, "client " + w.remote() + " went away; stopping its request");
                    w.thread().interrupt();
                    running.remove(w.thread(), w);
                }
            }
        }
    }

    /** "local>remote" of every connection in CLOSE_WAIT, addresses as {@link #key} writes them. */
    private static Set<String> closedByPeer() {
        Set<String> out = new HashSet<>();
        for (Path table : TABLES) {
            try {
                out.addAll(closeWait(Files.readAllLines(table)));
            } catch (IOException e) {
                // tcp6 is missing where IPv6 is off
            }
        }
        return out;
    }

    /** The CLOSE_WAIT rows of one {@code /proc/net/tcp}-format table (header line first) as "local>remote". */
    static Set<String> closeWait(List<String> table) {
        Set<String> out = new HashSet<>();
        for (int i = 1; i < table.size(); i++) {
            // Under many short connections the table holds tens of thousands of TIME_WAIT rows: find the
            // state column without splitting each row (a regex split per row cost more than the requests)
            String line = table.get(i);
            int[] at = columns(line, 4);
            if (at != null && line.startsWith(CLOSE_WAIT, at[3])) {
                String local = procAddress(line.substring(at[1], line.indexOf(' ', at[1])));
                String remote = procAddress(line.substring(at[2], line.indexOf(' ', at[2])));
                if (local != null && remote != null) {
                    out.add(local + ">" + remote);
                }
            }
        }
        return out;
    }

    /** Where each of the first {@code n} space-separated columns of {@code line} starts, null if it has fewer. */
    static int[] columns(String line, int n) {
        int[] starts = new int[n];
        int found = 0;
        int i = 0;
        while (found < n) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= line.length()) {
                return null;
            }
            starts[found++] = i;
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
        }
        return starts;
    }

    /** {@code 0100007F:1F90} (the kernel's word-wise little-endian address and hex port) as "127.0.0.1:8080". */
    static String procAddress(String hex) {
        int colon = hex.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String ip = hex.substring(0, colon);
        int port = Integer.parseInt(hex.substring(colon + 1), 16);
        byte[] bytes = new byte[ip.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(ip.substring(at, at + 2), 16);
            }
        }
        try {
            return normalize(InetAddress.getByAddress(bytes)) + ":" + port;
        } catch (IOException e) {
            return null;
        }
    }

    private static String key(PeerInfo peer) {
        SocketAddress a = peer.address();
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return normalize(inet.getAddress()) + ":" + inet.getPort();
        }
        return null;
    }

    /** IPv4-mapped IPv6 addresses (how tcp6 lists IPv4 peers of a dual-stack socket) as plain IPv4. */
    private static String normalize(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped) {
                return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
            }
        }
        return address.getHostAddress();
    }
}
