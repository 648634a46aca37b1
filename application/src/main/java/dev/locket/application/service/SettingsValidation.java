package dev.locket.application.service;

import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * PocketBase's settings validation (admin-and-ops §2) over a full settings tree. Errors nest like
 * the settings ({@code {"meta":{"appURL":{code,message}}}}, list entries keyed by index) with keys
 * sorted, as Go's error maps serialise; each value reports only its first failing rule.
 */
final class SettingsValidation {

    /** Upstream's rate limit label pattern ({@code \w} is ASCII only in Go's regexp). */
    private static final Pattern RULE_LABEL =
            Pattern.compile("^(\\w+ /[\\w/-]*|/[\\w/-]*|\\w+:\\w+|\\*:\\w+|\\w+)$");
    private static final Pattern HEX_COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,62}[a-zA-Z0-9_])?$");
    private static final Pattern EMAIL = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
    private static final Set<String> AUDIENCES = Set.of("", "@guest", "@auth");
    private static final Set<String> SMTP_AUTH = Set.of("PLAIN", "LOGIN");

    private SettingsValidation() {
    }

    /** The errors of {@code settings}; empty when valid. */
    static Map<String, ErrorNode> validate(Map<String, Object> settings) {
        Map<String, ErrorNode> out = new TreeMap<>();
        put(out, "meta", meta(obj(settings, "meta")));
        put(out, "logs", logs(obj(settings, "logs")));
        put(out, "smtp", smtp(obj(settings, "smtp")));
        put(out, "s3", s3(obj(settings, "s3")));
        put(out, "backups", backups(obj(settings, "backups")));
        put(out, "batch", batch(obj(settings, "batch")));
        put(out, "rateLimits", rateLimits(obj(settings, "rateLimits")));
        put(out, "superuserIPs", ipList(settings.get("superuserIPs")));
        return out;
    }

    private static ErrorNode meta(Map<?, ?> m) {
        Map<String, ErrorNode> out = new TreeMap<>();
        put(out, "appName", first(required(m.get("appName")), length(str(m.get("appName")), 1, 255)));
        String url = str(m.get("appURL"));
        put(out, "appURL", first(required(url), url.isEmpty() || isUrl(url) ? null : notUrl()));
        put(out, "senderName", first(required(m.get("senderName")), length(str(m.get("senderName")), 1, 255)));
        String sender = str(m.get("senderAddress"));
        put(out, "senderAddress", first(sender.isEmpty() || EMAIL.matcher(sender).matches() ? null
                : FieldError.of("validation_is_email", "Must be a valid email address."), required(sender)));
        String accent = str(m.get("accentColor"));
        put(out, "accentColor", accent.isEmpty() || HEX_COLOR.matcher(accent).matches() ? null : badFormat());
        return group(out);
    }

    private static ErrorNode logs(Map<?, ?> m) {
        Map<String, ErrorNode> out = new TreeMap<>();
        put(out, "maxDays", min(m.get("maxDays"), 0));
        return group(out);
    }

    private static ErrorNode smtp(Map<?, ?> m) {
        boolean enabled = Boolean.TRUE.equals(m.get("enabled"));
        Map<String, ErrorNode> out = new TreeMap<>();
        String host = str(m.get("host"));
        put(out, "host", first(enabled ? required(host) : null, host.isEmpty() || isHost(host) ? null : notHost()));
        put(out, "port", first(enabled ? required(m.get("port")) : null, min(m.get("port"), 0)));
        String auth = str(m.get("authMethod"));
        put(out, "authMethod", auth.isEmpty() || SMTP_AUTH.contains(auth) ? null : notIn());
        String localName = str(m.get("localName"));
        put(out, "localName", localName.isEmpty() || isHost(localName) ? null : notHost());
        return group(out);
    }

    private static ErrorNode s3(Map<?, ?> m) {
        boolean enabled = Boolean.TRUE.equals(m.get("enabled"));
        Map<String, ErrorNode> out = new TreeMap<>();
        String endpoint = str(m.get("endpoint"));
        put(out, "endpoint", first(endpoint.isEmpty() || isUrl(endpoint) ? null : notUrl(),
                enabled ? required(endpoint) : null));
        for (String key : List.of("bucket", "region", "accessKey", "secret")) {
            put(out, key, enabled ? required(m.get(key)) : null);
        }
        return group(out);
    }

    private static ErrorNode backups(Map<?, ?> m) {
        Map<String, ErrorNode> out = new TreeMap<>();
        put(out, "s3", s3(obj(m, "s3")));
        String cron = str(m.get("cron"));
        if (!cron.isEmpty()) {
            try {
                CronSchedule.parse(cron);
            } catch (IllegalArgumentException e) {
                put(out, "cron", FieldError.of("validation_invalid_cron", e.getMessage()));
            }
        }
        put(out, "cronMaxKeep", first(cron.isEmpty() ? null : required(m.get("cronMaxKeep")),
                min(m.get("cronMaxKeep"), 1)));
        return group(out);
    }

    private static ErrorNode batch(Map<?, ?> m) {
        boolean enabled = Boolean.TRUE.equals(m.get("enabled"));
        Map<String, ErrorNode> out = new TreeMap<>();
        put(out, "maxRequests", first(enabled ? required(m.get("maxRequests")) : null, min(m.get("maxRequests"), 0)));
        put(out, "timeout", first(enabled ? required(m.get("timeout")) : null, min(m.get("timeout"), 0)));
        put(out, "maxBodySize", min(m.get("maxBodySize"), 0));
        return group(out);
    }

    private static ErrorNode rateLimits(Map<?, ?> m) {
        boolean enabled = Boolean.TRUE.equals(m.get("enabled"));
        List<?> rules = m.get("rules") instanceof List<?> l ? l : List.of();
        Map<String, ErrorNode> out = new TreeMap<>();
        if (enabled && rules.isEmpty()) {
            out.put("rules", FieldError.required());
        } else {
            ErrorNode conflict = conflicts(rules);
            put(out, "rules", conflict != null ? conflict : ruleErrors(rules));
        }
        put(out, "excludedIPs", ipList(m.get("excludedIPs")));
        return group(out);
    }

    /** Upstream keys rules as {@code label@@audience}; a key that prefixes another (either way) conflicts. */
    private static ErrorNode conflicts(List<?> rules) {
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Map<?, ?> rule = rules.get(i) instanceof Map<?, ?> r ? r : Map.of();
            String label = str(rule.get("label"));
            String key = label + "@@" + str(rule.get("audience"));
            boolean clash = existing.stream().anyMatch(k -> k.startsWith(key) || key.startsWith(k));
            if (clash) {
                FieldError error = FieldError.of("validation_conflicting_rate_limit_rule",
                        "Rate limit rule configuration with label " + label
                                + " already exists or conflicts with another rule.", "label", label);
                return new ErrorGroup(Map.of(String.valueOf(i), new ErrorGroup(Map.of("label", error))));
            }
            existing.add(key);
        }
        return null;
    }

    private static ErrorNode ruleErrors(List<?> rules) {
        Map<String, ErrorNode> out = new TreeMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Map<?, ?> rule = rules.get(i) instanceof Map<?, ?> r ? r : Map.of();
            Map<String, ErrorNode> errors = new TreeMap<>();
            String label = str(rule.get("label"));
            put(errors, "label", first(required(label), label.isEmpty() || RULE_LABEL.matcher(label).matches()
                    ? null : badFormat()));
            put(errors, "maxRequests", first(required(rule.get("maxRequests")), min(rule.get("maxRequests"), 1)));
            put(errors, "duration", first(required(rule.get("duration")), min(rule.get("duration"), 1)));
            String audience = str(rule.get("audience"));
            put(errors, "audience", AUDIENCES.contains(audience) ? null : notIn());
            put(out, String.valueOf(i), group(errors));
        }
        return group(out);
    }

    private static ErrorNode ipList(Object value) {
        List<?> items = value instanceof List<?> l ? l : List.of();
        Map<String, ErrorNode> out = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            String ip = str(items.get(i));
            put(out, String.valueOf(i), first(required(ip), ip.isEmpty() || isIpOrSubnet(ip) ? null
                    : FieldError.of("validation_invlaid_ip_or_subnet", "Invalid IP or CIDR subnet.")));
        }
        return group(out);
    }

    // ---- single rules (ozzo-validation's codes and messages, as PocketBase words them) ----

    private static FieldError required(Object value) {
        boolean blank = value == null
                || (value instanceof String s && s.isEmpty())
                || (value instanceof Number n && n.doubleValue() == 0)
                || Boolean.FALSE.equals(value)
                || (value instanceof List<?> l && l.isEmpty());
        return blank ? FieldError.required() : null;
    }

    /** ozzo's length rule skips empty values and counts runes. */
    private static FieldError length(String value, int min, int max) {
        int n = value.codePointCount(0, value.length());
        if (value.isEmpty() || (n >= min && n <= max)) {
            return null;
        }
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("max", max);
        params.put("min", min);
        return new FieldError("validation_length_out_of_range",
                "The length must be between " + min + " and " + max + ".", params);
    }

    /** ozzo's threshold rules skip zero values (Required covers those). */
    private static FieldError min(Object value, long threshold) {
        if (!(value instanceof Number n) || n.doubleValue() == 0 || n.doubleValue() >= threshold) {
            return null;
        }
        return FieldError.of("validation_min_greater_equal_than_required",
                "Must be no less than " + threshold + ".", "threshold", threshold);
    }

    private static FieldError notUrl() {
        return FieldError.of("validation_is_url", "Must be a valid URL.");
    }

    private static FieldError notHost() {
        return FieldError.of("validation_is_host", "Must be a valid IP address or DNS name.");
    }

    private static FieldError notIn() {
        return FieldError.of("validation_in_invalid", "Must be a valid value.");
    }

    private static FieldError badFormat() {
        return FieldError.of("validation_match_invalid", "Must be in a valid format.");
    }

    /** govalidator's URL check, roughly: an optional http(s)/ftp scheme, a host, nothing unparsable. */
    static boolean isUrl(String value) {
        if (value.length() >= 2083 || value.startsWith(".") || value.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        String candidate = value.contains("://") ? value : "http://" + value;
        try {
            URI uri = new URI(candidate);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!Set.of("http", "https", "ftp", "ws", "wss").contains(scheme)) {
                return false;
            }
            String host = uri.getHost();
            if (host == null) {
                // java.net.URI leaves the host out for names with '_'; take the raw authority instead.
                String authority = uri.getRawAuthority();
                if (authority == null || authority.isEmpty()) {
                    return false;
                }
                host = authority.replaceFirst("^.*@", "").replaceFirst(":\\d*$", "");
            }
            return isHost(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isHost(String value) {
        if (isIp(value)) {
            return true;
        }
        String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        if (name.isEmpty() || name.length() > 255) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpOrSubnet(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return isIp(value);
        }
        String bits = value.substring(slash + 1);
        String ip = value.substring(0, slash);
        if (!isIp(ip) || bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int n = Integer.parseInt(bits);
        return n <= (ip.contains(":") ? 128 : 32);
    }

    private static boolean isIp(String value) {
        if (value.contains(":")) {
            return value.matches("[0-9a-fA-F:.]+") && value.length() <= 45 && ipv6(value);
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.startsWith("0")) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean ipv6(String value) {
        try {
            // Only literals reach here (hex digits, ':' and '.'), so no name lookup happens.
            return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address
                    || value.startsWith("::ffff:");
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    // ---- plumbing ----

    private static FieldError first(FieldError... errors) {
        for (FieldError e : errors) {
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private static void put(Map<String, ErrorNode> out, String key, ErrorNode error) {
        if (error != null) {
            out.put(key, error);
        }
    }

    private static ErrorNode group(Map<String, ErrorNode> errors) {
        return errors.isEmpty() ? null : new ErrorGroup(errors);
    }

    private static Map<?, ?> obj(Map<?, ?> parent, String key) {
        return parent.get(key) instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String str(Object value) {
        return value instanceof String s ? s : "";
    }
}
