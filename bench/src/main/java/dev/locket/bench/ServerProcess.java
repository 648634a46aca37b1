package dev.locket.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The server under test as a child process: superuser upsert, serve, health wait, SIGTERM. */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final List<String> command;

    private ServerProcess(Process process, int port, Path log, List<String> command) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.command = List.copyOf(command);
    }

    /**
     * Creates the superuser in {@code dataDir} with the CLI, then starts {@code serve} on a free
     * loopback port and waits until GET /api/health answers 200.
     */
    public static ServerProcess start(Path java, Path jar, Optional<Path> appClasses, Path dataDir, Path logDir,
                                      List<String> jvmArgs, List<String> serveArgs, Duration startTimeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        List<String> upsert = new ArrayList<>(List.of(java.toString()));
        upsert.addAll(jvmArgs);
        upsert.addAll(List.of("-jar", jar.toString(), "superuser", "upsert", Workload.SUPERUSER_EMAIL,
                Workload.PASSWORD, "--dir", dataDir.toString()));
        Path upsertLog = logDir.resolve("superuser-upsert.log");
        Process p = new ProcessBuilder(upsert).redirectErrorStream(true).redirectOutput(upsertLog.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("superuser upsert did not finish in 120 s; see " + upsertLog);
        }
        if (p.exitValue() != 0) {
            throw new IOException("superuser upsert exited " + p.exitValue() + ": " + tail(upsertLog));
        }

        int port = freePort();
        List<String> serve = new ArrayList<>(List.of(java.toString()));
        serve.addAll(jvmArgs);
        // BenchApp runs from its classes next to the jar (whose manifest brings libs/), else the jar alone
        serve.addAll(appClasses.map(c -> List.of("-cp", c + File.pathSeparator + jar,
                BenchApp.class.getName())).orElse(List.of("-jar", jar.toString())));
        serve.addAll(List.of("serve", "--http", "127.0.0.1:" + port, "--dir", dataDir.toString()));
        serve.addAll(serveArgs);
        Path serveLog = logDir.resolve("server.log");
        Process server = new ProcessBuilder(serve).redirectErrorStream(true).redirectOutput(serveLog.toFile()).start();
        ServerProcess sp = new ServerProcess(server, port, serveLog, serve);
        OneShotHttp http = new OneShotHttp("127.0.0.1", port);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("server exited " + server.exitValue() + " during start: " + tail(serveLog));
            }
            try {
                if (http.send("GET", "/api/health", null, null, 2_000).status() == 200) {
                    return sp;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        sp.close();
        throw new IOException("server not healthy after " + startTimeout.toSeconds() + " s: " + tail(serveLog));
    }

    public int port() {
        return port;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path log() {
        return log;
    }

    public List<String> command() {
        return command;
    }

    /** SIGTERM (Process.destroy), then a forced kill after 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
