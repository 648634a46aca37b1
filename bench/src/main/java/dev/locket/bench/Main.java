package dev.locket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Benchmark harness entry point: measures raw SQLite inserts, starts the server jar on a fresh
 * data directory, replays the WORKLOAD.md scenarios over loopback HTTP and writes the results.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args, Path.of(""));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, new PrintStream(System.out, true, StandardCharsets.UTF_8)));
    }

    static int run(Options options, PrintStream out) throws Exception {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path workDir = Files.createTempDirectory(Files.createDirectories(options.workDir()), "locket-bench-");
        Path serverJava = options.serverJava();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("startedAt", Instant.now().toString());
        run.put("profile", options.onlyRaw() ? "raw-only" : options.profile().name().toLowerCase(Locale.ROOT));
        run.put("mode", "cold, one new TCP connection per request (comparable mode)");
        run.put("pauseSeconds", options.pause().toMillis() / 1000.0);
        run.put("capSeconds", options.cap().toSeconds());
        run.put("seed", options.seed());
        Map<String, Object> env = Environment.capture(options.projectRoot(), serverJava, workDir);
        run.put("environment", env);
        out.printf("locket-bench %s profile, %s, %s cores, harness %s, server java %s%n", run.get("profile"),
                env.get("cpuModel"), env.get("cores"), env.get("harnessJvm"), env.get("serverJvm"));
        out.printf("work dir %s (%s); ports %s, tcp_tw_reuse %s; load average %s%n", workDir,
                env.get("workDirFilesystem"), env.get("ip_local_port_range"), env.get("tcp_tw_reuse"),
                env.get("loadAverageAtStart"));

        RawSqliteInserts.Result raw = RawSqliteInserts.measure(workDir.resolve("raw"), options.rawRows(),
                options.seed());
        out.printf(Locale.ROOT, "raw sqlite-jdbc: %d single-row transactions in %.2fs = %.0f rows/s"
                        + " (SQLite %s, journal_mode=%s, synchronous=%s)%n", raw.rows(), raw.seconds(),
                raw.rowsPerSec(), raw.sqliteVersion(), raw.journalMode(), raw.synchronous());
        run.put("sqliteVersion", raw.sqliteVersion());
        Report report = new Report(out, Optional.of(raw));
        int exit = 0;
        try {
            if (!options.onlyRaw()) {
                exit = benchServer(options, serverJava, workDir, run, report, out);
            }
        } finally {
            run.put("finishedAt", Instant.now().toString());
            env.put("loadAverageAtEnd", Environment.loadAverage());
            out.println("load average at start " + env.get("loadAverageAtStart") + ", at end "
                    + env.get("loadAverageAtEnd"));
            List<Path> files = report.write(options.out(), "bench-" + run.get("profile") + "-" + stamp, run);
            out.println("wrote " + files.get(0) + " and " + files.get(1));
            if (!options.keepData()) {
                deleteTree(workDir);
            } else {
                out.println("kept data in " + workDir);
            }
        }
        return exit;
    }

    private static int benchServer(Options options, Path serverJava, Path workDir, Map<String, Object> run,
                                   Report report, PrintStream out) throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            out.println("server jar not found: " + options.jar() + " (build it: ./mvnw -q -pl bootstrap -am package"
                    + " -DskipTests)");
            return 3;
        }
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("jar", options.jar().toString());
        server.put("app", options.appClasses().map(c -> BenchApp.class.getName() + " (jar + Java route and hook of"
                + " WORKLOAD 5.4)").orElse("plain jar"));
        server.put("jvmArgs", options.serverJvmArgs());
        server.put("serveArgs", options.serveArgs());
        server.put("requestLogging", "logs.maxDays=0 requested through PATCH /api/settings");
        server.put("sqliteSettingsAndPools", "as configured by the server build (not visible to the harness)");
        run.put("server", server);
        List<String> locketJvmArgs = options.serverJvmArgs();
        if (options.aot()) {
            Path cache = workDir.resolve("locket.aot");
            train(options, serverJava, workDir, cache, out);
            locketJvmArgs = new ArrayList<>(locketJvmArgs);
            locketJvmArgs.add("-XX:AOTCache=" + cache);
            server.put("aotCache", "trained on the same profile in this run: " + cache);
        }
        Path dataDir = workDir.resolve("pb_data");
        long t0 = System.nanoTime();
        try (ServerProcess sp = ServerProcess.start(serverJava, options.jar(), options.appClasses(), dataDir, options.out().resolve("logs"),
                locketJvmArgs, options.serveArgs(), Duration.ofSeconds(90))) {
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            server.put("command", sp.command());
            server.put("startSecondsInclSuperuserUpsert", startSeconds);
            server.put("log", sp.log().toString());
            out.printf(Locale.ROOT, "server up on 127.0.0.1:%d after %.1fs (incl. superuser upsert); log %s%n",
                    sp.port(), startSeconds, sp.log());
            OneShotHttp http = new OneShotHttp("127.0.0.1", sp.port());
            LoadRunner runner = new LoadRunner(http, options.cap(), Optional.of(sp.handle()));
            if (options.profile() == Options.Profile.STACK) {
                return stack(options, serverJava, workDir, run, sp, runner, report, out);
            }
            BenchRun bench = new BenchRun(new AdminApi(http, new ObjectMapper()), runner, report, options);
            try {
                bench.run();
            } catch (AdminApi.ApiException e) {
                report.note("run aborted by a failed setup call: " + e.getMessage());
                out.println("server log tail:\n" + ServerProcess.tail(sp.log()));
                report.phaseSummary(options.profile() == Options.Profile.QUICK);
                return 4;
            }
            report.phaseSummary(options.profile() == Options.Profile.QUICK);
            sp.handle().info().totalCpuDuration()
                    .ifPresent(d -> server.put("serverCpuSecondsTotal", d.toNanos() / 1e9));
        }
        return report.rows().stream().anyMatch(r -> r.result().flagged()) ? 1 : 0;
    }

    /**
     * The AOT training run: the profile's workload, results discarded, against a server of its own whose JVM
     * writes {@code cache} as it exits (JDK 25: loaded and linked classes plus the method profiles of the run).
     */
    private static void train(Options options, Path serverJava, Path workDir, Path cache, PrintStream out)
            throws Exception {
        List<String> jvmArgs = new ArrayList<>(options.serverJvmArgs());
        jvmArgs.add("-XX:AOTCacheOutput=" + cache);
        long t0 = System.nanoTime();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        ServerProcess sp = ServerProcess.start(serverJava, options.jar(), options.appClasses(), workDir.resolve("pb_train"),
                options.out().resolve("logs/aot-training"), jvmArgs, options.serveArgs(), Duration.ofSeconds(90));
        try {
            OneShotHttp http = new OneShotHttp("127.0.0.1", sp.port());
            LoadRunner runner = new LoadRunner(http, options.cap(), Optional.of(sp.handle()));
            AdminApi api = new AdminApi(http, new ObjectMapper());
            if (options.profile() == Options.Profile.STACK) {
                new StackRun(api, sp, null, runner, null, options, quiet, 0).run();
            } else {
                new BenchRun(api, runner, new Report(quiet, Optional.empty()), options).run();
            }
        } finally {
            sp.close(Duration.ofSeconds(180)); // the exiting JVM assembles the cache first
        }
        if (!Files.isRegularFile(cache)) {
            throw new IOException("the training run wrote no AOT cache; see " + sp.log());
        }
        out.printf(Locale.ROOT, "AOT cache trained in %.0fs: %s (%d MiB)%n", (System.nanoTime() - t0) / 1e9, cache,
                Files.size(cache) >> 20);
    }

    /** The stack profile: the bare app started next to the server, then paired scenarios (StackRun). */
    private static int stack(Options options, Path serverJava, Path workDir, Map<String, Object> run,
                             ServerProcess sp, LoadRunner runner, Report report, PrintStream out) throws Exception {
        Path classes = options.projectRoot().resolve("bench/target/classes");
        try (ServerProcess bare = ServerProcess.startBare(serverJava, options.jar(), classes,
                workDir.resolve("pb_bare"), options.out().resolve("logs"), options.serverJvmArgs(),
                Duration.ofSeconds(60))) {
            LoadRunner bareRunner = new LoadRunner(new OneShotHttp("127.0.0.1", bare.port()), options.cap(),
                    Optional.of(bare.handle()));
            double raw = report.raw().map(RawSqliteInserts.Result::rowsPerSec).orElse(0.0);
            StackRun stack = new StackRun(new AdminApi(new OneShotHttp("127.0.0.1", sp.port()), new ObjectMapper()),
                    sp, bare, runner, bareRunner, options, out, raw);
            stack.run();
            String date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(Instant.now());
            Path md = stack.writeMarkdown(options.out(), date, run, "bench/run.sh " + String.join(" ",
                    options.args()));
            out.println("appended the table to " + md);
            boolean flagged = stack.lines().stream().anyMatch(l -> l.locket().flagged() || l.bare().flagged());
            return flagged ? 1 : 0;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
