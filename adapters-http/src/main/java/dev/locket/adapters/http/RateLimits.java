package dev.locket.adapters.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code rateLimits} settings section, parsed: {@code enabled}, {@code excludedIPs} and the
 * rules {@code [{label, maxRequests, duration, audience}]}, and PocketBase's rule lookup.
 */
record RateLimits(boolean enabled, List<String> excludedIps, List<Rule> rules) {
    static final String GUEST = "@guest";
    static final String AUTH = "@auth";

    static final RateLimits OFF = new RateLimits(false, List.of(), List.of());

    RateLimits {
        excludedIps = List.copyOf(excludedIps);
        rules = List.copyOf(rules);
    }

    /** One rule; {@code audience} is {@code ""} (everyone), {@code @guest} or {@code @auth}. */
    record Rule(String label, int maxRequests, long durationSeconds, String audience) {
        boolean appliesTo(String requestAudience) {
            return audience.isEmpty() || audience.equals(requestAudience);
        }
    }

    /** Reads the settings map; anything malformed is skipped rather than failing requests. */
    static RateLimits parse(Map<String, Object> settings) {
        if (!(settings.get("rateLimits") instanceof Map<?, ?> section)) {
            return OFF;
        }
        boolean enabled = Boolean.TRUE.equals(section.get("enabled"));
        List<String> excluded = new ArrayList<>();
        if (section.get("excludedIPs") instanceof List<?> ips) {
            ips.forEach(ip -> excluded.add(String.valueOf(ip)));
        }
        List<Rule> rules = new ArrayList<>();
        if (section.get("rules") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("label") instanceof String label && !label.isEmpty()
                        && m.get("maxRequests") instanceof Number max && m.get("duration") instanceof Number d
                        && max.intValue() > 0 && d.longValue() > 0) {
                    String audience = m.get("audience") instanceof String a ? a : "";
                    rules.add(new Rule(label, max.intValue(), d.longValue(), audience));
                }
            }
        }
        return new RateLimits(enabled, excluded, rules);
    }

    /**
     * The rule for the first label that has one, labels tried in order: rules with exactly that
     * label first, then prefix rules (labels ending with {@code /}) that {@code label + "/"} starts
     * with, each in settings order. Rules for another audience are passed over.
     */
    Optional<Rule> find(List<String> labels, String audience) {
        for (String label : labels) {
            for (Rule r : rules) {
                if (r.label().equals(label) && r.appliesTo(audience)) {
                    return Optional.of(r);
                }
            }
            for (Rule r : rules) {
                if (r.label().endsWith("/") && (label + "/").startsWith(r.label()) && r.appliesTo(audience)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
