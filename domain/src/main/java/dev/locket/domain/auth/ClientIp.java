package dev.locket.domain.auth;

import dev.locket.domain.settings.TrustedProxyConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The client's "real IP" (admin-and-ops §8): for each configured trusted proxy header in order,
 * its last occurrence split at commas, taking the last (or with {@code useLeftmostIP} the first)
 * entry that is an IP; otherwise the TCP peer address. IPv6 addresses come out fully expanded, as upstream's
 * {@code RealIP} spells them. The HTTP guard filter (rate-limit keys, {@code realIP}) and the request log both
 * resolve it here.
 */
public final class ClientIp {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private ClientIp() {
    }

    /** Four dot-separated decimals 0–255 without leading zeros: already the spelling {@link #parseIp} answers. */
    private static boolean isCanonicalIpv4(String text) {
        int n = text.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || ++parts > 4) {
                    return false;
                }
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return false; // a leading zero: left to the full parse
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    /** {@code headerValues} answers every value of a request header (case-insensitive name). */
    public static String resolve(TrustedProxyConfig proxy, Function<String, List<String>> headerValues,
                                 String remoteIp) {
        boolean leftmost = proxy.useLeftmostIP();
        for (String header : proxy.headers()) {
            String name = header.trim();
            if (name.isEmpty()) {
                continue;
            }
            List<String> values = headerValues.apply(name);
            if (values == null || values.isEmpty()) {
                continue;
            }
            String[] parts = values.getLast().split(",");
            for (int i = 0; i < parts.length; i++) {
                String candidate = parts[leftmost ? i : parts.length - 1 - i].trim();
                String ip = parseIp(candidate);
                if (ip != null) {
                    return ip;
                }
            }
        }
        String remote = parseIp(remoteIp == null ? "" : remoteIp);
        return remote != null ? remote : (remoteIp == null ? "" : remoteIp);
    }

    /** The address in Go's spelling (IPv6 expanded), or null when {@code text} is not an IP literal. */
    public static String parseIp(String text) {
        if (isCanonicalIpv4(text)) {
            return text; // every request's peer: answered without a regex or InetAddress
        }
        if (text.isEmpty() || !LITERAL.matcher(text).matches() || text.length() > 45) {
            return null; // only literals reach InetAddress, so no name lookup can happen
        }
        if (!text.contains(":")) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                    return null;
                }
            }
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            if (a instanceof Inet6Address v6) {
                byte[] b = v6.getAddress();
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < 16; i += 2) {
                    if (i > 0) {
                        out.append(':');
                    }
                    out.append(String.format("%02x%02x", b[i], b[i + 1]));
                }
                return out.toString();
            }
            return a.getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
