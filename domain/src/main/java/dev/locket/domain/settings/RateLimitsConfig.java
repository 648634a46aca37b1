package dev.locket.domain.settings;

import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code rateLimits}: the rules, the IPs and CIDR ranges never limited, and whether limiting is on.
 * Superusers are never limited.
 */
public record RateLimitsConfig(List<RateLimitRule> rules, List<String> excludedIPs, boolean enabled) {

    public static final RateLimitsConfig DEFAULTS = new RateLimitsConfig(List.of(
            new RateLimitRule("*:auth", "", 3, 2),
            new RateLimitRule("*:create", "", 5, 20),
            new RateLimitRule("/api/batch", "", 1, 3),
            new RateLimitRule("/api/", "", 10, 300)), List.of(), false);

    public RateLimitsConfig {
        rules = List.copyOf(Objects.requireNonNullElse(rules, List.of()));
        excludedIPs = List.copyOf(Objects.requireNonNullElse(excludedIPs, List.of()));
    }

    /**
     * The rule for the first label that has one, labels tried in order: rules with exactly that label
     * first, then prefix rules (labels ending with {@code /}) that {@code label + "/"} starts with, each
     * in settings order; rules for another audience are passed over, as upstream's lookup does. Stored rules
     * apply as they are, even one that validation would refuse (upstream looks them up the same way).
     */
    public Optional<RateLimitRule> find(List<String> labels, String audience) {
        for (String label : labels) {
            for (RateLimitRule r : rules) {
                if (r.label().equals(label) && r.appliesTo(audience)) {
                    return Optional.of(r);
                }
            }
            for (RateLimitRule r : rules) {
                if (r.label().endsWith("/") && prefixes(r.label(), label)
                        && r.appliesTo(audience)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code label + "/"} starts with {@code prefix} (which ends with "/"), without building that string. */
    private static boolean prefixes(String prefix, String label) {
        return label.startsWith(prefix)
                || (prefix.length() == label.length() + 1 && prefix.startsWith(label));
    }

    public Optional<ErrorNode> validate() {
        Checks.Errors errors = new Checks.Errors();
        if (enabled && rules.isEmpty()) {
            errors.field("rules", FieldError.required());
        } else {
            Optional<ErrorNode> conflict = conflict();
            errors.nested("rules", conflict.isPresent() ? conflict : Checks.each(rules, RateLimitRule::validate));
        }
        return errors.nested("excludedIPs", Checks.ipList(excludedIPs)).group();
    }

    /**
     * Upstream keys each rule as {@code label@@audience}; a key that starts with another (either way)
     * conflicts, and only the first conflicting rule is reported.
     */
    private Optional<ErrorNode> conflict() {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RateLimitRule rule = rules.get(i);
            String key = rule.label() + "@@" + rule.audience();
            if (seen.stream().anyMatch(k -> k.startsWith(key) || key.startsWith(k))) {
                FieldError error = FieldError.of("validation_conflicting_rate_limit_rule",
                        "Rate limit rule configuration with label " + rule.label()
                                + " already exists or conflicts with another rule.", "label", rule.label());
                return Optional.of(new ErrorGroup(Map.of(String.valueOf(i), new ErrorGroup(Map.of("label", error)))));
            }
            seen.add(key);
        }
        return Optional.empty();
    }
}
