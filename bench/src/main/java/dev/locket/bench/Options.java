package dev.locket.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Command-line options of the harness. */
public record Options(Path projectRoot, Path jar, Profile profile, Duration pause, Path out, Optional<Path> java,
                      boolean onlyRaw, int rawRows, Duration cap, boolean warm, boolean largeList, Path workDir,
                      boolean keepData,
                      List<String> serverJvmArgs, List<String> serveArgs, String routePath, long seed,
                      boolean plainJar, boolean aot, int wrkSeconds, List<String> args) {

    /** Which scenarios run. */
    public enum Profile {
        /** What is required now: seeding, C7, S1, L1-L3 on posts10k. */
        BASELINE,
        /** Everything of WORKLOAD §7 the server supports; failures are reported, not dropped. */
        QUICK,
        /** Issue 16: Locket next to the bare-stack reference app, scenario by scenario, in the same run. */
        STACK
    }

    public static final String USAGE = """
            usage: dev.locket.bench.Main [options]
              --jar PATH             server jar (default <project>/bootstrap/target/locket.jar)
              --profile NAME         baseline | quick | stack (default baseline; stack: Locket vs the bare app)
              --pause SECONDS        sleep before every scenario (default 1; upstream uses 2)
              --out DIR              results directory (default <project>/bench/results)
              --java PATH            java (>= 21) that runs the server (default: newest /usr/lib/jvm/*/bin/java)
              --only-raw             only measure raw sqlite-jdbc single-row-transaction inserts
              --raw-rows N           rows for the raw SQLite measurement (default 20000)
              --cap SECONDS          per-scenario time cap (default 300 baseline, 60 quick)
              --warm                 also run a second, separately reported pass of the read scenarios
              --large-list           add-on: seed posts100k with 100 000 rows, then L1-L3 on it (after search)
              --work-dir DIR         where the temp data dirs go (default java.io.tmpdir)
              --keep-data            keep the server's data dir after the run
              --server-jvm-arg ARG   extra JVM option for the server (repeatable), e.g. -Xmx1g
              --serve-arg ARG        extra argument after `serve` (repeatable), e.g. --serve-arg --queryTimeout --serve-arg 120
              --route-path PATH      custom Java route of WORKLOAD §5.4 (default /java)
              --seed N               random seed (default 42)
              --plain-jar            serve with `java -jar` alone (no BenchApp: the custom route and hook
                                     scenarios then report errors)
              --aot                  JDK 25+: first a training run of the same profile against a throwaway
                                     server started with -XX:AOTCacheOutput, then the measured run with that
                                     AOT cache (classes loaded and linked, method profiles: JEP 483/515)
              --wrk SECONDS          stack profile: each scenario is SECONDS of wrk (Debian's package) instead of
                                     the Java client's fixed request count, as issue 16 measured it
            """;

    public static Options parse(String[] args, Path cwd) {
        Path root = findProjectRoot(cwd);
        Path jar = null;
        Profile profile = Profile.BASELINE;
        double pause = 1;
        Path out = null;
        Path java = null;
        boolean onlyRaw = false;
        int rawRows = 20_000;
        Double cap = null;
        boolean warm = false;
        boolean largeList = false;
        Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
        boolean keep = false;
        List<String> jvmArgs = new ArrayList<>();
        List<String> serveArgs = new ArrayList<>();
        String route = "/java";
        long seed = 42;
        boolean plainJar = false;
        boolean aot = false;
        int wrkSeconds = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--jar" -> jar = Path.of(value(args, ++i, a));
                case "--profile" -> profile = Profile.valueOf(value(args, ++i, a).toUpperCase(Locale.ROOT));
                case "--pause" -> pause = Double.parseDouble(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--java" -> java = Path.of(value(args, ++i, a));
                case "--only-raw" -> onlyRaw = true;
                case "--raw-rows" -> rawRows = Integer.parseInt(value(args, ++i, a));
                case "--cap" -> cap = Double.parseDouble(value(args, ++i, a));
                case "--warm" -> warm = true;
                case "--large-list" -> largeList = true;
                case "--work-dir" -> workDir = Path.of(value(args, ++i, a));
                case "--keep-data" -> keep = true;
                case "--server-jvm-arg" -> jvmArgs.add(value(args, ++i, a));
                case "--serve-arg" -> serveArgs.add(value(args, ++i, a));
                case "--route-path" -> route = value(args, ++i, a);
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--plain-jar" -> plainJar = true;
                case "--aot" -> aot = true;
                case "--wrk" -> wrkSeconds = Integer.parseInt(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (jar == null) {
            jar = root.resolve("bootstrap/target/locket.jar");
        }
        if (out == null) {
            out = root.resolve("bench/results");
        }
        double capSeconds = cap != null ? cap : (profile == Profile.QUICK ? 60 : 300);
        return new Options(root, jar.toAbsolutePath(), profile, Duration.ofMillis((long) (pause * 1000)),
                out.toAbsolutePath(), Optional.ofNullable(java), onlyRaw, rawRows,
                Duration.ofMillis((long) (capSeconds * 1000)), warm, largeList, workDir.toAbsolutePath(), keep, jvmArgs,
                serveArgs, route, seed, plainJar, aot, wrkSeconds, List.of(args));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    /** The directory holding mvnw and bench/, searched upwards from {@code cwd}. */
    static Path findProjectRoot(Path cwd) {
        for (Path p = cwd.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("bench"))) {
                return p;
            }
        }
        return cwd.toAbsolutePath();
    }

    /**
     * The classes of {@link BenchApp} when the server should be it (the jar plus the custom route and hook of
     * WORKLOAD §5.4), empty for the plain jar.
     */
    public Optional<Path> appClasses() {
        Path classes = projectRoot.resolve("bench/target/classes");
        if (plainJar || !Files.isRegularFile(classes.resolve("dev/locket/bench/BenchApp.class"))) {
            return Optional.empty();
        }
        // an AOT cache takes no directory on the class path: the harness's own jar then (run.sh builds it)
        if (aot) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(projectRoot.resolve("bench/target"), "locket-bench-*.jar")) {
                for (Path jar : jars) {
                    return Optional.of(jar);
                }
            } catch (IOException e) {
                // no target dir: the classes below, and the training run will say the cache failed
            }
        }
        return Optional.of(classes);
    }

    /** The java given, else the newest JDK >= 21 under /usr/lib/jvm, else the one running the harness. */
    public Path serverJava() {
        if (java.isPresent()) {
            return java.get();
        }
        Path best = null;
        int bestVersion = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/usr/lib/jvm"))) {
            for (Path d : dirs) {
                Path candidate = d.resolve("bin/java");
                int v = featureVersion(d);
                if (Files.isExecutable(candidate) && v >= 21 && v > bestVersion) {
                    best = candidate;
                    bestVersion = v;
                }
            }
        } catch (IOException e) {
            // fall through to the harness's own java
        }
        return best != null ? best : Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** JAVA_VERSION from the JDK's release file, e.g. "25" or "21.0.4" → 25 / 21. */
    private static int featureVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String major = v.split("[.+-]")[0];
                    return Integer.parseInt(major.equals("1") ? v.split("\\.")[1] : major);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
