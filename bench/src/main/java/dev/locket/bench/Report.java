package dev.locket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Prints one line per scenario and writes the run as JSON and CSV (WORKLOAD §8). */
public final class Report {

    /** A scenario result with the figures it is compared with. */
    public record Row(ScenarioResult result, Double ratioToRawSqlite, Optional<Upstream.Figure> upstream,
                      Long rowsRemoved, Double rowsPerSec) {
    }

    private final PrintStream out;
    private final Optional<RawSqliteInserts.Result> raw;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Report(PrintStream out, Optional<RawSqliteInserts.Result> raw) {
        this.out = out;
        this.raw = raw;
    }

    /** The raw SQLite measurement of this run, if any. */
    public Optional<RawSqliteInserts.Result> raw() {
        return raw;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A run-level remark (setup deviations, server settings that could not be applied). */
    public void note(String note) {
        notes.add(note);
        out.println("NOTE " + note);
    }

    public void header() {
        out.printf(Locale.ROOT, "%-11s %-5s %-34s %-13s %6s %5s %9s %9s %8s %8s %8s %7s %8s %5s %8s  %s%n",
                "phase", "id", "name", "collection", "reqs", "conc", "completed", "req/s", "p50ms", "p95ms", "p99ms", "best",
                "worst", "err", "÷raw", "upstream / notes");
    }

    public Row add(ScenarioResult r, Long rowsRemoved) {
        Double ratio = raw.map(x -> r.reqPerSec() / x.rowsPerSec()).orElse(null);
        Double rowsPerSec = rowsRemoved == null || r.completedSeconds() <= 0 ? null
                : rowsRemoved / r.completedSeconds();
        Row row = new Row(r, ratio, Upstream.lookup(r.id(), r.collection()), rowsRemoved, rowsPerSec);
        rows.add(row);
        out.println(line(row));
        r.errorSamples().forEach((kind, sample) -> out.printf(Locale.ROOT, "        ! %dx %s: %s%n",
                r.errorKinds().getOrDefault(kind, 0L), kind, sample.replace('\n', ' ')));
        return row;
    }

    static String line(Row row) {
        ScenarioResult r = row.result();
        LatencyStats l = r.latency();
        StringBuilder tail = new StringBuilder();
        if (r.flagged()) {
            tail.append(r.timedOut() ? "TIMED OUT/INCOMPLETE (" + r.started() + " started) " : "")
                    .append(r.errors() > 0 || r.backgroundErrors() > 0 ? "ERRORS " : "");
        }
        if (row.rowsRemoved() != null) {
            tail.append(String.format(Locale.ROOT, "rows removed %d = %.0f rows/s; ", row.rowsRemoved(),
                    row.rowsPerSec()));
        }
        row.upstream().ifPresentOrElse(u -> {
            tail.append("upstream[").append(u.source()).append("]:");
            if (u.reqPerSec() != null) {
                tail.append(String.format(Locale.ROOT, " %.0f req/s, ours/upstream %.2f,", u.reqPerSec(),
                        r.reqPerSec() / u.reqPerSec()));
            }
            if (u.rowsPerSec() != null && row.rowsPerSec() != null) {
                tail.append(String.format(Locale.ROOT, " %.0f rows/s, ours/upstream %.2f,", u.rowsPerSec(),
                        row.rowsPerSec() / u.rowsPerSec()));
            }
            tail.append(' ').append(u.note()).append("; ");
        }, () -> tail.append("upstream: n/a; "));
        if (r.backgroundRequests() > 0) {
            tail.append("background ").append(r.backgroundRequests()).append(" (")
                    .append(r.backgroundErrors()).append(" errors); ");
        }
        tail.append(String.format(Locale.ROOT, "cpu harness %.1fs server %.1fs", r.harnessCpuSeconds(),
                r.serverCpuSeconds()));
        if (!r.note().isEmpty()) {
            tail.append("; ").append(r.note());
        }
        return String.format(Locale.ROOT,
                "%-11s %-5s %-34s %-13s %6d %5d %8.2fs %9.1f %8.1f %8.1f %8.1f %7.1f %8.1f %5d %8s  %s",
                r.phase(), r.id(), abbreviate(r.name(), 34), r.collection(), r.reqs(), r.conc(),
                r.completedSeconds(), r.reqPerSec(), l.p50Ms(), l.p95Ms(), l.p99Ms(), l.bestMs(), l.worstMs(),
                r.errors(), row.ratioToRawSqlite() == null ? "-" : String.format(Locale.ROOT, "%.4f",
                        row.ratioToRawSqlite()), tail);
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** Sum of measured time per phase, next to WORKLOAD's upstream phase times for the quick profile. */
    public void phaseSummary(boolean quick) {
        Map<String, double[]> phases = new LinkedHashMap<>();
        for (Row row : rows) {
            ScenarioResult r = row.result();
            double[] acc = phases.computeIfAbsent(r.phase(), k -> new double[3]);
            acc[0] += r.completedSeconds();
            acc[1] += r.errors() + r.backgroundErrors();
            acc[2] += 1;
        }
        out.println("phase totals (measured time = sum of completed):");
        Map<String, Double> upstream = Upstream.quickPhaseSeconds();
        phases.forEach((phase, acc) -> {
            String up = quick && upstream.containsKey(phase)
                    ? String.format(Locale.ROOT, "  upstream CAX11 quick-profile phase ≈ %.1fs (WORKLOAD §7)",
                    upstream.get(phase))
                    : "";
            out.printf(Locale.ROOT, "  %-12s %3d scenarios %8.2fs %6d errors%s%n", phase, (int) acc[2], acc[0],
                    (long) acc[1], up);
        });
    }

    /** Writes {@code <stem>.json} and {@code <stem>.csv} into {@code dir}; returns both paths. */
    public List<Path> write(Path dir, String stem, Map<String, Object> run) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> doc = new LinkedHashMap<>(run);
        doc.put("rawSqlite", raw.orElse(null));
        doc.put("notes", notes);
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (Row row : rows) {
            scenarios.add(flat(row));
        }
        doc.put("scenarios", scenarios);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path jsonFile = dir.resolve(stem + ".json");
        json.writeValue(jsonFile.toFile(), doc);

        Path csvFile = dir.resolve(stem + ".csv");
        StringBuilder csv = new StringBuilder();
        List<String> columns = scenarios.isEmpty() ? List.copyOf(flat(null).keySet())
                : List.copyOf(scenarios.get(0).keySet());
        csv.append(String.join(",", columns)).append('\n');
        for (Map<String, Object> s : scenarios) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(csvCell(s.get(c)));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(csvFile, csv);
        return List.of(jsonFile, csvFile);
    }

    static Map<String, Object> flat(Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        ScenarioResult r = row == null ? null : row.result();
        LatencyStats l = r == null ? null : r.latency();
        Upstream.Figure u = row == null ? null : row.upstream().orElse(null);
        m.put("phase", r == null ? null : r.phase());
        m.put("id", r == null ? null : r.id());
        m.put("name", r == null ? null : r.name());
        m.put("collection", r == null ? null : r.collection());
        m.put("rule", r == null ? null : r.rule());
        m.put("query", r == null ? null : r.query());
        m.put("reqs", r == null ? null : r.reqs());
        m.put("conc", r == null ? null : r.conc());
        m.put("started", r == null ? null : r.started());
        m.put("completedSeconds", r == null ? null : r.completedSeconds());
        m.put("reqPerSec", r == null ? null : r.reqPerSec());
        m.put("p50Ms", l == null ? null : l.p50Ms());
        m.put("p95Ms", l == null ? null : l.p95Ms());
        m.put("p99Ms", l == null ? null : l.p99Ms());
        m.put("bestMs", l == null ? null : l.bestMs());
        m.put("worstMs", l == null ? null : l.worstMs());
        m.put("meanMs", l == null ? null : l.meanMs());
        m.put("errors", r == null ? null : r.errors());
        m.put("timedOut", r == null ? null : r.timedOut());
        m.put("errorKinds", r == null ? null : r.errorKinds());
        m.put("errorSamples", r == null ? null : r.errorSamples());
        m.put("backgroundRequests", r == null ? null : r.backgroundRequests());
        m.put("backgroundErrors", r == null ? null : r.backgroundErrors());
        m.put("ratioToRawSqlite", row == null ? null : row.ratioToRawSqlite());
        m.put("upstreamSource", u == null ? null : u.source());
        m.put("upstreamReqPerSec", u == null ? null : u.reqPerSec());
        m.put("upstreamRowsPerSec", u == null ? null : u.rowsPerSec());
        m.put("upstreamNote", u == null ? null : u.note());
        m.put("rowsRemoved", row == null ? null : row.rowsRemoved());
        m.put("rowsPerSec", row == null ? null : row.rowsPerSec());
        m.put("harnessCpuSeconds", r == null ? null : r.harnessCpuSeconds());
        m.put("serverCpuSeconds", r == null ? null : r.serverCpuSeconds());
        m.put("note", r == null ? null : r.note());
        return m;
    }

    static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(v);
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
