package dev.locket.domain.auth;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A list of IPs and CIDR ranges ({@code settings.superuserIPs}, {@code rateLimits.excludedIPs}).
 * Only literal addresses are parsed (never a DNS lookup); malformed entries match nothing.
 */
public record IpWhitelist(List<String> entries) {
    private static final Pattern LITERAL = Pattern.compile("^[0-9A-Fa-f:.]+$");
    private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");

    public IpWhitelist {
        entries = List.copyOf(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Whether {@code ip} equals an entry or lies inside one of the CIDR ranges. */
    public boolean contains(String ip) {
        Optional<byte[]> addr = parse(ip);
        if (addr.isEmpty()) {
            return false;
        }
        for (String entry : entries) {
            String e = entry.trim();
            int slash = e.indexOf('/');
            Optional<byte[]> base = parse(slash < 0 ? e : e.substring(0, slash));
            if (base.isEmpty() || base.get().length != addr.get().length) {
                continue;
            }
            int bits = base.get().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException notANumber) {
                    continue;
                }
                if (prefix < 0 || prefix > bits) {
                    continue;
                }
            }
            BigInteger mask = prefix == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            if (new BigInteger(1, base.get()).and(mask).equals(new BigInteger(1, addr.get()).and(mask))) {
                return true;
            }
        }
        return false;
    }

    /** The address bytes of a literal IPv4/IPv6 address (IPv4-mapped IPv6 becomes IPv4). */
    public static Optional<byte[]> parse(String ip) {
        String s = ip == null ? "" : ip.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        // InetAddress.getByName resolves anything that is not a literal: an IPv4 candidate must be four decimal
        // parts (a hex-looking name such as dead.beef.cafe.face would otherwise cost a DNS lookup per request);
        // with a colon the JDK only ever parses an IPv6 literal.
        if (s.isEmpty() || !LITERAL.matcher(s).matches() || (!s.contains(":") && !IPV4.matcher(s).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s).getAddress());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }
}
