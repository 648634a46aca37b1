package dev.locket.domain.settings;

import dev.locket.domain.cron.CronSchedule;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.field.EmailField;
import dev.locket.domain.field.UrlField;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The validation rules the settings use, with the codes and messages PocketBase's validation library
 * answers. Each check answers {@code null} when the value passes; like upstream, checks other than
 * "required" let an empty value through, and a field reports only its first failing check.
 */
final class Checks {
    private static final Pattern HEX_COLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,62}[a-zA-Z0-9_])?$");

    private Checks() {
    }

    /** Collects the errors of one object, keyed (and sorted, as Go's error maps serialise) by property. */
    static final class Errors {
        private final Map<String, ErrorNode> found = new TreeMap<>();

        /** Records the first failing check of {@code key}, if any. */
        Errors field(String key, FieldError... inOrder) {
            return nested(key, first(inOrder));
        }

        Errors nested(String key, Optional<ErrorNode> errors) {
            errors.ifPresent(e -> found.put(key, e));
            return this;
        }

        Optional<ErrorNode> group() {
            return found.isEmpty() ? Optional.empty() : Optional.of(new ErrorGroup(found));
        }

        Map<String, ErrorNode> map() {
            return Collections.unmodifiableMap(found);
        }
    }

    /** The first failing check, as upstream stops at a value's first broken rule. */
    static Optional<ErrorNode> first(FieldError... inOrder) {
        for (FieldError e : inOrder) {
            if (e != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Each element's errors keyed by its index, as upstream reports list entries. */
    static <T> Optional<ErrorNode> each(List<T> items, Function<T, Optional<ErrorNode>> check) {
        Errors errors = new Errors();
        for (int i = 0; i < items.size(); i++) {
            errors.nested(String.valueOf(i), check.apply(items.get(i)));
        }
        return errors.group();
    }

    static FieldError required(boolean blank) {
        return blank ? FieldError.required() : null;
    }

    static FieldError required(String value) {
        return required(value.isEmpty());
    }

    static FieldError required(long value) {
        return required(value == 0);
    }

    static FieldError requiredWhen(boolean condition, String value) {
        return condition ? required(value) : null;
    }

    static FieldError requiredWhen(boolean condition, long value) {
        return condition ? required(value) : null;
    }

    /** A length between {@code min} and {@code max} runes. */
    static FieldError length(String value, int min, int max) {
        int n = value.codePointCount(0, value.length());
        if (value.isEmpty() || (n >= min && n <= max)) {
            return null;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("max", max);
        params.put("min", min);
        return min == max
                ? new FieldError("validation_length_invalid", "The length must be exactly " + min + ".", params)
                : new FieldError("validation_length_out_of_range",
                        "The length must be between " + min + " and " + max + ".", params);
    }

    /** At least {@code threshold}; zero counts as unset and passes (the required check covers it). */
    static FieldError min(long value, long threshold) {
        if (value == 0 || value >= threshold) {
            return null;
        }
        return FieldError.of("validation_min_greater_equal_than_required",
                "Must be no less than " + threshold + ".", "threshold", threshold);
    }

    static FieldError in(String value, Set<String> allowed) {
        return value.isEmpty() || allowed.contains(value) ? null
                : FieldError.of("validation_in_invalid", "Must be a valid value.");
    }

    static FieldError matches(String value, Pattern pattern) {
        return value.isEmpty() || pattern.matcher(value).matches() ? null
                : FieldError.of("validation_match_invalid", "Must be in a valid format.");
    }

    static FieldError url(String value) {
        return value.isEmpty() || UrlField.isUrl(value) ? null
                : FieldError.of("validation_is_url", "Must be a valid URL.");
    }

    static FieldError email(String value) {
        return value.isEmpty() || EmailField.isEmail(value) ? null
                : FieldError.of("validation_is_email", "Must be a valid email address.");
    }

    static FieldError hostName(String value) {
        return value.isEmpty() || isHost(value) ? null
                : FieldError.of("validation_is_host", "Must be a valid IP address or DNS name.");
    }

    static FieldError hexColor(String value) {
        return value.isEmpty() || HEX_COLOR.matcher(value).matches() ? null
                : FieldError.of("validation_is_hex_color", "Must be a valid hexadecimal color code.");
    }

    static FieldError ipOrSubnet(String value) {
        // upstream's code carries this spelling
        return value.isEmpty() || isIpOrSubnet(value) ? null
                : FieldError.of("validation_invlaid_ip_or_subnet", "Invalid IP or CIDR subnet.");
    }

    static FieldError cronExpression(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            CronSchedule.parse(value);
            return null;
        } catch (IllegalArgumentException e) {
            return FieldError.of("validation_invalid_cron", e.getMessage());
        }
    }

    /** Every entry of an IP list: required, then an IP or CIDR subnet. */
    static Optional<ErrorNode> ipList(List<String> ips) {
        return each(ips, ip -> first(required(ip), ipOrSubnet(ip)));
    }

    /** An IP address or a DNS name. */
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
        return Integer.parseInt(bits) <= (ip.contains(":") ? 128 : 32);
    }

    private static boolean isIp(String value) {
        if (value.contains(":")) {
            return value.matches("[0-9a-fA-F:.]+") && value.length() <= 45 && isIpv6(value);
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

    private static boolean isIpv6(String value) {
        try {
            // Only literals reach here (hex digits, ':' and '.'), so no name lookup happens.
            return InetAddress.getByName(value) instanceof Inet6Address || value.startsWith("::ffff:");
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
