package dev.locket.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs one scenario with {@code wrk} (Debian's package) as issue 16 measured it: a separate native load generator,
 * a fixed duration, {@code Connection: close} on every request unless keep-alive is asked for, and wrk's 2-second
 * timeout, so "timeouts" are exactly the requests a client waited more than 2 s for. Requests are the scenario's
 * own, serialised once and cycled through by a Lua script; each wrk thread starts at its own offset so that two
 * threads do not send the same create body at the same moment.
 */
final class WrkRunner {
    /** How many distinct requests a script carries (creates cycle through them). */
    private static final int DISTINCT = 1000;

    private final Path wrk;
    private final Duration duration;
    private final Path workDir;

    WrkRunner(Path wrk, Duration duration, Path workDir) {
        this.wrk = wrk;
        this.duration = duration;
        this.workDir = workDir;
    }

    /** {@code wrk} on the PATH, or empty: the caller says how to install it. */
    static java.util.Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "wrk");
            if (Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    ScenarioResult run(String id, String name, int port, int conc, boolean keepAlive, IntFunction<Request> requests)
            throws IOException, InterruptedException {
        int threads = Math.min(2, conc);
        Path script = workDir.resolve("wrk-" + id + "-" + port + ".lua");
        Files.writeString(script, script(port, keepAlive, requests, threads), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(wrk.toString(), "-t" + threads, "-c" + conc, "-d" + duration.toSeconds() + "s",
                "--timeout", "2s", "-s", script.toString(), "http://127.0.0.1:" + port + "/")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("wrk did not finish: " + out);
        }
        String line = out.lines().filter(l -> l.startsWith("WRK ")).findFirst()
                .orElseThrow(() -> new IOException("wrk printed no summary: " + out));
        String[] f = line.substring(4).trim().split(" ");
        long requestsDone = Long.parseLong(f[0]);
        double seconds = Long.parseLong(f[1]) / 1e6;
        Map<String, Long> kinds = new LinkedHashMap<>();
        String[] names = {"connect", "read", "write", "status >= 400", "timeout (> 2 s)"};
        long errors = 0;
        for (int i = 0; i < names.length; i++) {
            long n = Long.parseLong(f[2 + i]);
            if (n > 0) {
                kinds.put(names[i], n);
                errors += n;
            }
        }
        int timeouts = Integer.parseInt(f[6]);
        LatencyStats latency = new LatencyStats((int) requestsDone, us(f[7]), us(f[8]), us(f[10]), us(f[11]),
                us(f[12]), us(f[9]), timeouts);
        return new ScenarioResult("stack", id, name, "posts10k", "", "", (int) requestsDone, conc, (int) requestsDone,
                seconds, requestsDone / seconds, latency, (int) errors, false, kinds, Map.of(), 0, 0, 0, 0,
                "wrk " + threads + " threads, " + duration.toSeconds() + " s");
    }

    private static double us(String micros) {
        return Double.parseDouble(micros) / 1000.0;
    }

    private static String script(int port, boolean keepAlive, IntFunction<Request> requests, int threads) {
        StringBuilder lua = new StringBuilder(64 * 1024);
        lua.append("local reqs = {\n");
        for (int i = 0; i < DISTINCT; i++) {
            Request r = requests.apply(i);
            byte[] raw = OneShotHttp.requestBytes(r.method(), r.target(), "127.0.0.1:" + port, r.token(), r.body(),
                    keepAlive);
            lua.append('"');
            for (byte b : raw) {
                int c = b & 0xFF;
                if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                    lua.append((char) c);
                } else {
                    lua.append('\\').append(String.format("%03d", c));
                }
            }
            lua.append("\",\n");
        }
        lua.append("}\n");
        lua.append("""
                local counter = 0
                setup = function(thread)
                  thread:set("offset", counter * math.floor(#reqs / %d))
                  counter = counter + 1
                end
                local i = nil
                request = function()
                  if i == nil then i = offset or 0 end
                  i = i + 1
                  if i > #reqs then i = 1 end
                  return reqs[i]
                end
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("WRK %%d %%d %%d %%d %%d %%d %%d %%d %%d %%.1f %%d %%d %%d\\n",
                    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                    latency.min, latency.max, latency.mean, latency:percentile(50), latency:percentile(95),
                    latency:percentile(99)))
                end
                """.formatted(threads));
        return lua.toString();
    }

    static String installHint() {
        return "--wrk needs wrk on the PATH: apt-get install -y wrk (Debian's package)";
    }
}
