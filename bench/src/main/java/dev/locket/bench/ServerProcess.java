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
    private double readySeconds;

    private ServerProcess(Process process, int port, Path log, List<String> command) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.command = List.copyOf(command);
    }

    /**
     * The bare-stack reference ({@link BareApp}) from the bench classes next to the jar, whose manifest brings
     * the project's Helidon, Jackson and sqlite-jdbc.
     */
    public static ServerProcess startBare(Path java, Path jar, Path benchClasses, Path dataDir, Path logDir,
                                          List<String> jvmArgs, Duration startTimeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        int port = freePort();
        List<String> serve = new ArrayList<>(List.of(java.toString()));
        serve.addAll(jvmArgs);
        serve.addAll(List.of("-cp", benchClasses + File.pathSeparator + jar, BareApp.class.getName(), "serve",
                "--http", "127.0.0.1:" + port, "--dir", dataDir.toString()));
        return launch(serve, port, logDir.resolve("bare.log"), startTimeout);
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
        return launch(serve, port, logDir.resolve("server.log"), startTimeout);
    }

    /** Starts {@code serve} and polls GET /api/health every 10 ms until it answers 200. */
    private static ServerProcess launch(List<String> serve, int port, Path serveLog, Duration startTimeout)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
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
                    sp.readySeconds = (System.nanoTime() - t0) / 1e9;
                    return sp;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        sp.close();
        throw new IOException("server not healthy after " + startTimeout.toSeconds() + " s: " + tail(serveLog));
    }

    /** Seconds from starting the {@code serve} process to the first 200 of GET /api/health. */
    public double readySeconds() {
        return readySeconds;
    }

    /** Resident set size of the server process (VmRSS of /proc/PID/status), in MiB; -1 if unreadable. */
    public double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
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
        close(Duration.ofSeconds(20));
    }

    /** SIGTERM (Process.destroy), then a forced kill after {@code grace}. */
    public void close(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
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
