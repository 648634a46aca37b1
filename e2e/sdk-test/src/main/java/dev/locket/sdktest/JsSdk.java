package dev.locket.sdktest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * The official PocketBase JS SDK for tests: one npm install, in the checkout's {@code e2e/} folder (its
 * {@code package-lock.json} pins {@code pocketbase} and {@code eventsource}), shared by bootstrap's end-to-end
 * suites and the {@code examples/} projects (whose {@code examples/node_modules} links to it), and a runner for
 * {@code node --test} files. Node itself is the machine's; without it the test fails, it never skips.
 */
public final class JsSdk {
    private JsSdk() {
    }

    /**
     * The {@code e2e/} folder ({@code -Dlocket.e2e.dir}, else found above the working directory) with its npm
     * packages installed as its lockfile says: {@code npm ci} runs when nothing is installed yet or the lockfile
     * changed since (npm keeps a copy in node_modules), so a clean clone and an older checkout both get them.
     */
    public static synchronized Path install() throws IOException, InterruptedException {
        Path e2e = e2eDir();
        Path lock = e2e.resolve("package-lock.json");
        Path installed = e2e.resolve("node_modules/.package-lock.json");
        if (!Files.isRegularFile(installed)
                || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) < 0) {
            // into a file, not inherited: npm writing on the forked test JVM's stdout corrupts surefire's stream
            Path log = Files.createTempFile("npm-ci", ".log");
            Process npm = start(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(e2e.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()));
            if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + e2e + ":\n" + Files.readString(log));
            }
            Files.deleteIfExists(log);
        }
        return e2e;
    }

    /**
     * Installs the SDK, then runs {@code node --test <args>} in {@code dir} with {@code env} added to the
     * environment and returns its report; throws an {@link AssertionError} with the report when a test fails or
     * the run outlasts {@code timeout}.
     */
    public static String run(Path dir, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        install();
        List<String> cmd = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("node-test", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process node = start(pb);
            boolean finished = node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                node.destroyForcibly().waitFor();
            }
            String out = Files.readString(log);
            if (!finished || node.exitValue() != 0) {
                throw new AssertionError("JS SDK tests " + String.join(" ", args) + " in " + dir
                        + (finished ? " failed" : " timed out after " + timeout) + ":\n" + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Waits for the port a started app listens on: {@code Locket::awaitPort}. */
    @FunctionalInterface
    public interface PortWait {
        int await(long timeout, TimeUnit unit) throws Exception;
    }

    /**
     * Serves an app on a free port of 127.0.0.1 with its data in {@code dataDir} while {@code node --test .} runs
     * the JS files in {@code scripts} against it ({@code LOCKET_URL} and {@code env} in their environment), then
     * stops it; returns the report, and fails unless the scripts pass and the serve command ends with 0. The app
     * is handed over as its methods, e.g. {@code runWhileServing(app::start, app::awaitPort, app::stop, ...)}: this
     * module cannot name {@code Locket}, whose own tests use it.
     */
    public static String runWhileServing(ToIntFunction<String[]> start, PortWait awaitPort, Runnable stop,
            String dataDir, Path scripts, Map<String, String> env) throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> start.applyAsInt(new String[] {"serve", "--http", "127.0.0.1:0", "--dir", dataDir}));
        String report;
        try {
            Map<String, String> all = new HashMap<>(env);
            all.put("LOCKET_URL", "http://127.0.0.1:" + awaitPort.await(60, TimeUnit.SECONDS));
            report = run(scripts, all, Duration.ofMinutes(2), ".");
        } finally {
            stop.run();
        }
        int code = exit.get(30, TimeUnit.SECONDS);
        if (code != 0) {
            throw new AssertionError("serve ended with exit code " + code + ", not 0");
        }
        return report;
    }

    private static Process start(ProcessBuilder pb) throws IOException {
        try {
            return pb.start();
        } catch (IOException missing) {
            throw new IOException("'" + pb.command().getFirst() + "' is needed by the JS SDK tests: install Node.js"
                    + " 20+ with npm (Debian: apt-get install nodejs npm)", missing);
        }
    }

    private static Path e2eDir() {
        String configured = System.getProperty("locket.e2e.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("e2e/package-lock.json"))) {
                return p.resolve("e2e");
            }
        }
        throw new IllegalStateException("no e2e/package-lock.json above " + Path.of("").toAbsolutePath()
                + ": set -Dlocket.e2e.dir");
    }
}
