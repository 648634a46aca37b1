package dev.locket.bench;

import java.util.List;
import java.util.function.IntFunction;

/**
 * One timed scenario of WORKLOAD §5: {@code reqs} requests with at most {@code conc} in flight.
 * {@code background} requests (the mixed read/write scenario's updates) are fired all at once
 * at the start, untimed; the scenario ends when both groups are done.
 */
public record Scenario(String phase, String id, String name, String collection, String rule, String query,
                       int reqs, int conc, IntFunction<Request> request, List<Request> background, String note) {

    public Scenario {
        if (reqs < 0 || conc < 1) {
            throw new IllegalArgumentException("scenario %s: reqs %d, conc %d".formatted(id, reqs, conc));
        }
        background = List.copyOf(background);
        note = note == null ? "" : note;
    }

    public static Scenario of(String phase, String id, String name, String collection, String rule, String query,
                              int reqs, int conc, IntFunction<Request> request) {
        return new Scenario(phase, id, name, collection, rule, query, reqs, conc, request, List.of(), "");
    }

    public Scenario withNote(String extra) {
        String joined = note.isEmpty() ? extra : note + "; " + extra;
        return new Scenario(phase, id, name, collection, rule, query, reqs, conc, request, background, joined);
    }

    public Scenario withBackground(List<Request> requests) {
        return new Scenario(phase, id, name, collection, rule, query, reqs, conc, request, requests, note);
    }
}
