package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario of upstream's {@code apis/*_test.go} tables that an HTTP client can state (the files
 * under {@code upstream-scenarios/}, one per upstream test file), replayed against the packaged jar:
 * read-only scenarios share one server over one fixture copy, every other scenario gets a fresh copy and
 * a server of its own, with its setup steps applied first and its side effects checked after.
 */
class UpstreamScenariosIT {
    private static final int THREADS = Integer.getInteger("locket.scenarios.threads", 2);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    static Path tmp;

    private static JarLocket shared;
    private static TestOidcServer idp;
    private static ExecutorService pool;
    private static final Map<String, int[]> TALLY = new ConcurrentHashMap<>();
    private static final ReentrantLock MAIL_LANE = new ReentrantLock();
    private static long started;

    @TestFactory
    Stream<DynamicTest> upstreamScenarios() throws Exception {
        started = System.nanoTime();
        List<UpstreamScenario> all = new ArrayList<>();
        // -Dlocket.scenarios.filter=TEXT runs only the scenarios whose id or file path contains TEXT
        String filter = System.getProperty("locket.scenarios.filter", "");
        for (Path f : scenarioFiles()) {
            List<UpstreamScenario> loaded = UpstreamScenario.load(f);
            all.addAll(f.toString().contains(filter) ? loaded
                    : loaded.stream().filter(sc -> sc.id().contains(filter)).toList());
        }
        assertTrue(!filter.isEmpty() || all.size() > 600, "scenario files hold " + all.size() + " scenarios");
        Path fixture = LocketProcess.fixture();
        idp = new TestOidcServer();
        ScenarioReplay replay = new ScenarioReplay(fixture, mailbox(), new ScenarioReplay.Idp() {
            @Override
            public String url() {
                return idp.url("");
            }

            @Override
            public void grant(String code, String redirectUri, Map<String, Object> user) {
                idp.grant(code, redirectUri, user);
            }
        });
        Path sharedDir = tmp.resolve("shared/pb_data");
        LocketProcess.copyTree(fixture, sharedDir);
        shared = JarLocket.serve(sharedDir);
        pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            UpstreamScenario sc = all.get(i);
            Path work = tmp.resolve("s" + i);
            results.add(pool.submit(() -> {
                try {
                    if (sc.shareable()) {
                        return replay.check(sc, shared.port);
                    }
                    if (sc.mail()) {
                        MAIL_LANE.lock();
                        try {
                            return replay.runIsolated(sc, work);
                        } finally {
                            MAIL_LANE.unlock();
                        }
                    }
                    return replay.runIsolated(sc, work);
                } catch (Exception e) {
                    return List.of("replay failed: " + e);
                } finally {
                    deleteTree(work);
                }
            }));
        }
        Map<String, String> pending = pending();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            UpstreamScenario sc = all.get(i);
            Future<List<String>> result = results.get(i);
            tests.add(DynamicTest.dynamicTest(sc.id(), () -> {
                List<String> problems = result.get();
                int[] t = TALLY.computeIfAbsent(sc.file(), k -> new int[2]);
                synchronized (t) {
                    t[problems.isEmpty() ? 0 : 1]++;
                }
                String known = pending.get(sc.id());
                if (known != null) {
                    // a known difference with the change that fixes it named; it must leave the list once fixed
                    Assumptions.assumeTrue(problems.isEmpty(), "pending: " + known);
                    fail("passes now: remove it from upstream-scenarios/pending.json");
                }
                if (!problems.isEmpty()) {
                    fail(sc.method() + " " + sc.url() + ": " + String.join("; ", problems));
                }
            }));
        }
        return tests.stream();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (shared != null) {
            shared.close();
        }
        if (idp != null) {
            idp.close();
        }
        StringBuilder report = new StringBuilder("upstream scenarios per file (passed / failed):\n");
        Map<String, int[]> sorted = new TreeMap<>(TALLY);
        int passed = 0;
        int failed = 0;
        for (var e : sorted.entrySet()) {
            report.append(String.format("  %-50s %4d %4d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
            passed += e.getValue()[0];
            failed += e.getValue()[1];
        }
        report.append(String.format("  %-50s %4d %4d  in %d s%n", "total", passed, failed,
                (System.nanoTime() - started) / 1_000_000_000L));
        System.out.print(report);
    }

    private static Map<String, String> pending() throws Exception {
        Path file = Path.of(UpstreamScenariosIT.class.getResource("/upstream-scenarios/pending.json").toURI());
        Map<String, String> out = new java.util.LinkedHashMap<>();
        UpstreamScenario.JSON.readTree(Files.readString(file)).get("pending").fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<Path> scenarioFiles() throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(UpstreamScenariosIT.class.getResource("/upstream-scenarios").toURI());
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("pending.json")).sorted().toList();
        }
    }

    private static ScenarioReplay.Mailbox mailbox() {
        return new ScenarioReplay.Mailbox() {
            private int seen;

            @Override
            public int smtpPort() {
                return smtp.getSmtp().getPort();
            }

            @Override
            public synchronized List<String> drain() {
                MimeMessage[] all = smtp.getReceivedMessages();
                List<String> out = new ArrayList<>();
                for (int i = seen; i < all.length; i++) {
                    out.add(GreenMailUtil.getWholeMessage(all[i]));
                }
                seen = all.length;
                return out;
            }
        };
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temp dir; JUnit removes what is left
        }
    }
}
