package dev.locket.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The only upstream figures WORKLOAD.md states (PocketBase v0.36.0 on a Hetzner CAX11). Nothing
 * here is estimated: scenarios without a stated figure get none.
 */
public final class Upstream {

    /** One stated upstream figure; either a request rate, a row-removal rate, or only a note. */
    public record Figure(String source, Double reqPerSec, Double rowsPerSec, String note) {
    }

    private Upstream() {
    }

    /** The figure WORKLOAD gives for this scenario on this collection, if any. */
    public static Optional<Figure> lookup(String id, String collection) {
        String source = "WORKLOAD §7, CAX11 (build not stated)";
        if ("posts100k".equals(collection)) {
            return switch (id) {
                case "L1" -> Optional.of(new Figure(source, 75.0, null, "large-list anchor"));
                case "L2" -> Optional.of(new Figure(source, 146.0, null, "large-list anchor"));
                case "L3" -> Optional.of(new Figure(source, 1126.0, null, "large-list anchor"));
                default -> Optional.empty();
            };
        }
        return switch (id) {
            case "D9" -> Optional.of(new Figure(source, null, 2500.0, "compare rows removed per second only"));
            case "D10" -> Optional.of(new Figure(source, null, 4200.0, "compare rows removed per second only"));
            case "L25", "L27" -> "posts10k".equals(collection)
                    ? Optional.of(new Figure("WORKLOAD §7, CAX11 pure Go", null, null,
                    "L25/L27 completed in 19-24 s upstream (range given for the pair)"))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Measured time per phase of the quick profile upstream (WORKLOAD §7, CAX11), in seconds. */
    public static Map<String, Double> quickPhaseSeconds() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("create", 40.0);
        m.put("auth", 17.5);
        m.put("search", 64.0);
        m.put("custom", 26.0);
        return m;
    }
}
