package dev.locket.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * The {@code stack} profile (issue 16): each scenario runs against Locket and then, in the same run, against the
 * bare-stack reference ({@link BareApp}: Helidon + Jackson + sqlite-jdbc, one row per POST or GET), so every
 * figure is read as a ratio to what the stack itself allows on this machine at that moment, next to upstream's
 * published 2-vCPU figure. Also prints Locket's time to healthy and its RSS idle and at its peak during create.
 */
public final class StackRun {

    /** One paired scenario; {@code bare} is the bare app's equivalent request (null: same as Locket's). */
    private record Pair(String id, String name, int reqs, int conc, boolean keepAlive, Double upstream,
                        IntFunction<Request> locket, IntFunction<Request> bare) {
    }

    /** One measured pair. */
    record Line(String id, String name, int reqs, int conc, boolean keepAlive, ScenarioResult locket,
                ScenarioResult bare, Double upstream, Double raw) {
    }

    /** Upstream's published CAX11 (2 shared vCPU) figures as issue 16 quotes them. */
    static final double UP_CREATE = 1900;
    static final double UP_SIMPLE_A = 318;
    static final double UP_SIMPLE_B = 678;
    static final double UP_SIMPLE_C = 1316;
    static final double UP_GET_ONE = 2642;
    static final double UP_REFRESH = 3204;
    static final double UP_EXPAND = 463;

    private final AdminApi api;
    private final ServerProcess locket;
    private final ServerProcess bare;
    private final LoadRunner locketRunner;
    private final LoadRunner bareRunner;
    private final Options options;
    private final PrintStream out;
    private final double rawRowsPerSec;
    private final SplittableRandom data;
    private final Random picks;
    private final List<Line> lines = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private double idleRss;
    private double peakRss;
    /** Null: the Java client with a fixed request count. */
    private final WrkRunner wrk;

    public StackRun(AdminApi api, ServerProcess locket, ServerProcess bare, LoadRunner locketRunner,
                    LoadRunner bareRunner, Options options, PrintStream out, double rawRowsPerSec) {
        this.api = api;
        this.locket = locket;
        this.bare = bare;
        this.locketRunner = locketRunner;
        this.bareRunner = bareRunner;
        this.options = options;
        this.out = out;
        this.rawRowsPerSec = rawRowsPerSec;
        this.data = new SplittableRandom(options.seed());
        this.picks = new Random(options.seed());
        if (options.wrkSeconds() > 0) {
            Path bin = WrkRunner.find().orElseThrow(() -> new IllegalStateException(WrkRunner.installHint()));
            this.wrk = new WrkRunner(bin, Duration.ofSeconds(options.wrkSeconds()), options.workDir());
            notes.add("load from wrk (" + options.wrkSeconds() + " s per scenario, 2 threads, Connection: close unless"
                    + " keep-alive, --timeout 2s): reqs~conc gives the requests Locket completed; >2s counts wrk's"
                    + " timeouts");
        } else {
            this.wrk = null;
        }
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public void run() throws Exception {
        String su = api.authWithPassword("_superusers", Workload.SUPERUSER_EMAIL, Workload.PASSWORD);
        api.call("PATCH", "/api/settings", su, Map.of("logs", Map.of("maxDays", 0)));
        String orgs = String.valueOf(api.call("POST", "/api/collections", su, Workload.organizations()).get("id"));
        String perms = String.valueOf(api.call("POST", "/api/collections", su, Workload.permissions()).get("id"));
        Map<String, Object> users = api.collection(su, "users");
        String usersId = String.valueOf(users.get("id"));
        api.patchCollection(su, "users", Workload.usersPatch(users, orgs, perms));
        for (String posts : Workload.POSTS) {
            api.call("POST", "/api/collections", su, Workload.posts(posts, usersId));
        }
        for (int i = 0; i < 10; i++) {
            api.call("POST", "/api/collections/organizations/records", su, Workload.organization(i));
            api.call("POST", "/api/collections/permissions/records", su, Workload.permission(i));
        }
        List<String> orgIds = api.randomIds(su, "organizations", 100, picks).ids();
        List<String> permIds = api.randomIds(su, "permissions", 100, picks).ids();
        // 20 users (bcrypt cost 10 each), created untimed
        for (int i = 0; i < 20; i++) {
            api.call("POST", "/api/collections/users/records", su, Workload.user(i, data, orgIds, permIds));
        }
        List<String> userIds = api.randomIds(su, "users", 100, picks).ids();
        Map<String, Object> auth = api.authWithPasswordFull("users", "users0@example.com", Workload.PASSWORD);
        String userToken = String.valueOf(auth.get("token"));
        String userId = String.valueOf(((Map<?, ?>) auth.get("record")).get("id"));

        Thread.sleep(1000);
        idleRss = locket.rssMiB();
        out.printf(Locale.ROOT, "locket serve ready (health 200) after %.2fs; RSS idle %.0f MiB (after setup);"
                + " bare app ready after %.2fs, RSS %.0f MiB%n", locket.readySeconds(), idleRss,
                bare == null ? 0 : bare.readySeconds(), bare == null ? 0 : bare.rssMiB());

        String create = "/api/collections/posts10k/records";
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            bodies.add(api.bytes(Workload.post("posts10k", i, data, userIds)));
        }
        IntFunction<Request> post = i -> new Request("POST", create, null, bodies.get(i));
        pair(new Pair("C7", "create posts10k, new conn", 5000, 500, false, UP_CREATE, post, null), true);
        IntFunction<Request> post2 = i -> new Request("POST", create, null, bodies.get(5000 + i));
        pair(new Pair("CK", "create posts10k, keep-alive", 5000, 50, true, null, post2, null), true);
        notes.add("data set: posts10k=" + api.count(su, "posts10k") + " (C7 + CK), users=" + userIds.size());

        String list = "/api/collections/posts10k/records?perPage=20";
        IntFunction<Request> bareGet = i -> Request.get("/api/collections/posts10k/records", null);
        String skip = list + "&skipTotal=1";
        String own = "/api/collections/users/records/" + userId;
        String refresh = "/api/collections/users/auth-refresh";
        String expand = list + "&expand=author";
        List<Pair> reads = List.of(
                new Pair("L1", "list simpleA", 1000, 1, false, UP_SIMPLE_A, i -> Request.get(list, userToken), bareGet),
                new Pair("L2", "list simpleB", 1000, 1000, false, UP_SIMPLE_B, i -> Request.get(list, userToken),
                        bareGet),
                new Pair("L3", "list simpleC skipTotal", 1000, 1000, false, UP_SIMPLE_C,
                        i -> Request.get(skip, userToken), bareGet),
                new Pair("S1", "getOne own user", 1000, 100, false, UP_GET_ONE, i -> Request.get(own, userToken),
                        bareGet),
                new Pair("A4", "auth-refresh", 1000, 100, false, UP_REFRESH,
                        i -> new Request("POST", refresh, userToken, null), bareGet),
                new Pair("L5", "expand author", 100, 10, false, UP_EXPAND, i -> Request.get(expand, userToken),
                        bareGet));
        for (Pair p : reads) {
            pair(p, false);
        }

        // The cross-cutting filters, on vs off on Locket itself: the rate limiter (enabled, one rule so loose that
        // nothing is refused) and the request log persisted (logs.maxDays 7); "bare" columns hold the off run.
        filters(su, new Pair("F1", "list simpleC, filters on/off", 1000, 1000, false, null,
                i -> Request.get(skip, userToken), null));
        IntFunction<Request> post3 = i -> new Request("POST", create, null, bodies.get(10_000 + (i % 1000)));
        filters(su, new Pair("F2", "create new conn, filters on/off", 1000, 500, false, null, post3, null));
        if (options.warm()) {
            // WORKLOAD §1: the comparable figures are the cold ones above; these show the JVM once compiled
            List<Line> cold = List.copyOf(lines);
            for (int pass = 0; pass < 2; pass++) {
                for (Pair p : reads) {
                    pair(new Pair(p.id() + "w", p.name() + " (warm)", p.reqs(), p.conc(), p.keepAlive(), p.upstream(),
                            p.locket(), p.bare()), false);
                }
                if (pass == 0) {
                    lines.clear();
                    lines.addAll(cold);
                }
            }
            notes.add("rows ending in w: the read scenarios' third pass on the same servers (two untimed passes"
                    + " before: the cold run and one more), WORKLOAD §1's separately reported warm figures");
        }
        table();
    }

    /**
     * Runs Locket's side then the bare app's, each after the pause; samples Locket's RSS while it runs. Without
     * a bare app (an AOT training run) Locket's side stands in for both.
     */
    private void pair(Pair p, boolean sampleRss) throws Exception {
        ScenarioResult l = run(locketRunner, locket, p, p.locket(), sampleRss);
        ScenarioResult b = bare == null ? l : run(bareRunner, bare, p, p.bare() == null ? p.locket() : p.bare(), false);
        Line line = new Line(p.id(), p.name(), p.reqs(), p.conc(), p.keepAlive(), l, b, p.upstream(),
                p.keepAlive() ? rawRowsPerSec : null);
        lines.add(line);
        out.println(format(line));
        for (ScenarioResult r : List.of(l, b)) {
            r.errorSamples().forEach((kind, sample) -> out.printf(Locale.ROOT, "        ! %s %dx %s: %s%n",
                    r == l ? "locket" : "bare", r.errorKinds().getOrDefault(kind, 0L), kind,
                    sample.replace('\n', ' ')));
        }
    }

    private void filters(String su, Pair p) throws Exception {
        api.call("PATCH", "/api/settings", su, Map.of("logs", Map.of("maxDays", 0), "rateLimits",
                Map.of("enabled", false)));
        // off first, then on (a first run of the two pays for what the scenario before left behind)
        ScenarioResult off = run(locketRunner, locket, p, p.locket(), false);
        api.call("PATCH", "/api/settings", su, Map.of("logs", Map.of("maxDays", 7), "rateLimits", Map.of(
                "enabled", true, "rules", List.of(Map.of("label", "/api/", "audience", "", "duration", 1,
                        "maxRequests", 1_000_000)))));
        ScenarioResult on = run(locketRunner, locket, p, p.locket(), false);
        api.call("PATCH", "/api/settings", su, Map.of("logs", Map.of("maxDays", 0), "rateLimits",
                Map.of("enabled", false)));
        Line line = new Line(p.id(), p.name(), p.reqs(), p.conc(), false, on, off, null, null);
        lines.add(line);
        out.println(format(line));
        notes.add(p.id() + ": both columns are Locket, filters on (\"locket\") vs off (\"bare\"); on = rate limiter"
                + " enabled with one never-reached rule + request log persisted (logs.maxDays 7)");
    }

    private ScenarioResult run(LoadRunner runner, ServerProcess server, Pair p, IntFunction<Request> req,
                               boolean sampleRss) throws Exception {
        Thread.sleep(options.pause().toMillis());
        Scenario s = Scenario.of("stack", p.id(), p.name(), "posts10k", "", "", p.reqs(), p.conc(), req);
        KeepAliveHttp keepAlive = p.keepAlive() && wrk == null ? new KeepAliveHttp("127.0.0.1", server.port()) : null;
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = null;
        if (sampleRss) {
            sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!done.get()) {
                    peakRss = Math.max(peakRss, server.rssMiB());
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        try {
            if (wrk != null) {
                return wrk.run(p.id(), p.name(), server.port(), p.conc(), p.keepAlive(), req);
            }
            return (keepAlive == null ? runner : runner.withTransport(keepAlive)).run(s);
        } finally {
            done.set(true);
            if (sampler != null) {
                sampler.join();
            }
            if (keepAlive != null) {
                keepAlive.close();
            }
        }
    }

    static final String HEADER = String.format(Locale.ROOT,
            "| %-3s | %-28s | %-10s | %8s | %8s | %6s | %8s | %6s | %7s | %-17s | %-17s | %s |",
            "id", "scenario", "reqs/conc", "locket/s", "bare/s", "L/bare", "upstream", "L/up", "err L/b",
            "L p50/p99/max ms", "b p50/p99/max ms", ">2s L/b");

    static String format(Line l) {
        ScenarioResult a = l.locket();
        ScenarioResult b = l.bare();
        String up = l.raw() != null ? String.format(Locale.ROOT, "raw %.0f", l.raw())
                : l.upstream() == null ? "n/a" : String.format(Locale.ROOT, "%.0f", l.upstream());
        Double ref = l.raw() != null ? l.raw() : l.upstream();
        String upRatio = ref == null ? "n/a" : String.format(Locale.ROOT, "%.2f", a.reqPerSec() / ref);
        return String.format(Locale.ROOT,
                "| %-3s | %-28s | %-10s | %8.0f | %8.0f | %6.2f | %8s | %6s | %7s | %-17s | %-17s | %s |",
                l.id(), l.name(), (a.note().startsWith("wrk") ? a.reqs() + "~" : l.reqs() + "/") + l.conc(),
                a.reqPerSec(), b.reqPerSec(),
                a.reqPerSec() / b.reqPerSec(), up, upRatio, a.errors() + (a.timedOut() ? "T" : "") + "/" + b.errors()
                        + (b.timedOut() ? "T" : ""), lat(a.latency()), lat(b.latency()),
                a.latency().over2s() + "/" + b.latency().over2s());
    }

    private static String lat(LatencyStats s) {
        return String.format(Locale.ROOT, "%.0f/%.0f/%.0f", s.p50Ms(), s.p99Ms(), s.worstMs());
    }

    private void table() {
        out.println();
        out.println(HEADER);
        lines.forEach(l -> out.println(format(l)));
        out.printf(Locale.ROOT, "serve ready %.2fs; RSS idle %.0f MiB, peak during create %.0f MiB%n",
                locket.readySeconds(), idleRss, peakRss);
        notes.forEach(n -> out.println("NOTE " + n));
    }

    /** Appends this run as a Markdown section to {@code bench/results/<date>.md}. */
    public Path writeMarkdown(Path dir, String date, Map<String, Object> run, String command) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(date + ".md");
        StringBuilder md = new StringBuilder();
        if (!Files.exists(file)) {
            md.append("# Benchmark results ").append(date).append("\n\n");
        }
        md.append("## ").append(run.get("startedAt")).append(" — stack profile\n\n");
        md.append("`").append(command).append("`\n\n");
        Object env = run.get("environment");
        if (env instanceof Map<?, ?> e) {
            md.append("Server commit ").append(e.get("serverCommit")).append(", ").append(e.get("cpuModel"))
                    .append(", ").append(e.get("cores")).append(" cores, server java ").append(e.get("serverJvm"))
                    .append(", load average at start ").append(e.get("loadAverageAtStart")).append(".\n\n");
        }
        md.append("Locket ratios are to the bare app measured right after it (L/bare) and to upstream's published"
                + " CAX11 figure (L/up; for keep-alive create: to raw sqlite-jdbc single-row transactions measured"
                + " in the same run). Bare app on reads: GET one row. `>2s`: requests slower than 2 s.\n\n");
        md.append(HEADER).append('\n');
        md.append("|---|---|---|---:|---:|---:|---:|---:|---|---|---|---|\n");
        lines.forEach(l -> md.append(format(l)).append('\n'));
        md.append(String.format(Locale.ROOT, "%nserve ready (health 200) %.2f s; RSS idle %.0f MiB, peak during"
                + " create %.0f MiB; raw sqlite-jdbc %.0f rows/s.%n", locket.readySeconds(), idleRss, peakRss,
                rawRowsPerSec));
        notes.forEach(n -> md.append("\n- ").append(n));
        md.append("\n\n");
        Files.writeString(file, md, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return file;
    }
}
