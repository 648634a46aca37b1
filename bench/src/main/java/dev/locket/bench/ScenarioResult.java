package dev.locket.bench;

import java.util.Map;

/**
 * Measured outcome of one scenario. {@code reqPerSec} is reqs / completed as WORKLOAD defines it
 * (requests actually started, when a time cap cut the scenario short).
 */
public record ScenarioResult(String phase, String id, String name, String collection, String rule, String query,
                             int reqs, int conc, int started, double completedSeconds, double reqPerSec,
                             LatencyStats latency, int errors, boolean timedOut, Map<String, Long> errorKinds,
                             Map<String, String> errorSamples, int backgroundRequests, int backgroundErrors,
                             double harnessCpuSeconds, double serverCpuSeconds, String note) {

    public ScenarioResult {
        errorKinds = Map.copyOf(errorKinds);
        errorSamples = Map.copyOf(errorSamples);
    }

    /** True when the figure must not be taken at face value (errors, a cut-off run, a failed rule change). */
    public boolean flagged() {
        return errors > 0 || timedOut || backgroundErrors > 0 || note.contains("SETUP FAILED")
                || note.contains("NOT COMPARABLE");
    }

    public ScenarioResult withNote(String extra) {
        String joined = note.isEmpty() ? extra : note + "; " + extra;
        return new ScenarioResult(phase, id, name, collection, rule, query, reqs, conc, started, completedSeconds,
                reqPerSec, latency, errors, timedOut, errorKinds, errorSamples, backgroundRequests, backgroundErrors,
                harnessCpuSeconds, serverCpuSeconds, joined);
    }
}
