package dev.locket.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

    /** A tiny server: one thread per connection, 500 for paths containing "fail", else 200. */
    private static final class StubServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final boolean keepAlive;

        StubServer() throws Exception {
            this(false);
        }

        /** {@code keepAlive}: answers every request of a connection until the client closes it. */
        StubServer(boolean keepAlive) throws Exception {
            this.keepAlive = keepAlive;
            socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> handle(s));
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
        }

        void handle(Socket s) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try (s) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                String requestLine;
                while ((requestLine = in.readLine()) != null) {
                    while (!in.readLine().isEmpty()) {
                        // skip headers
                    }
                    Thread.sleep(5);
                    int status = requestLine.contains("fail") ? 500 : 200;
                    // Counted out before answering: once the client has the response it may start the next one.
                    inFlight.decrementAndGet();
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 " + status + " X\r\nContent-Length: 2\r\n"
                            + (keepAlive ? "" : "Connection: close\r\n") + "\r\n{}")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (!keepAlive) {
                        return;
                    }
                    inFlight.incrementAndGet();
                }
            } catch (Exception ignored) {
                // the client went away
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @Test
    void opensOneConnectionPerRequestAndBoundsConcurrency() throws Exception {
        try (StubServer server = new StubServer()) {
            LoadRunner runner = new LoadRunner(new OneShotHttp("127.0.0.1", server.socket.getLocalPort()),
                    Duration.ofSeconds(30), Optional.empty());
            ScenarioResult r = runner.run(Scenario.of("search", "T1", "stub", "x", "", "", 60, 4,
                    i -> Request.get(i % 10 == 0 ? "/fail" : "/ok", "token")));
            assertEquals(60, server.connections.get());
            assertTrue(server.maxInFlight.get() <= 4, "max in flight " + server.maxInFlight.get());
            assertEquals(60, r.started());
            assertEquals(6, r.errors());
            assertEquals(6L, r.errorKinds().get("HTTP 500"));
            assertTrue(r.flagged());
            assertFalse(r.timedOut());
            assertEquals(60, r.latency().count());
            assertTrue(r.latency().bestMs() >= 5.0);
            assertEquals(60 / r.completedSeconds(), r.reqPerSec(), 1e-9);
        }
    }

    @Test
    void transportFailuresCountAsErrors() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        LoadRunner runner = new LoadRunner(new OneShotHttp("127.0.0.1", closedPort), Duration.ofSeconds(10),
                Optional.empty());
        ScenarioResult r = runner.run(Scenario.of("create", "T2", "refused", "x", "", "", 5, 2,
                i -> Request.get("/", null)));
        assertEquals(5, r.errors());
        assertTrue(r.errorKinds().containsKey("ConnectException"));
    }

    @Test
    void keepAliveReusesAtMostConcConnections() throws Exception {
        try (StubServer server = new StubServer(true);
             KeepAliveHttp http = new KeepAliveHttp("127.0.0.1", server.socket.getLocalPort())) {
            LoadRunner runner = new LoadRunner(new OneShotHttp("127.0.0.1", 1), Duration.ofSeconds(30),
                    Optional.empty()).withTransport(http);
            ScenarioResult r = runner.run(Scenario.of("create", "T3", "keep-alive", "x", "", "", 60, 4,
                    i -> Request.get("/ok", null)));
            assertEquals(0, r.errors());
            assertEquals(60, r.started());
            assertTrue(server.connections.get() <= 4, "connections " + server.connections.get());
        }
    }
}
