package dev.locket.domain.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import dev.locket.domain.settings.TrustedProxyConfig;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClientIpTest {
    private static final Function<String, List<String>> HEADERS = name -> switch (name.toLowerCase()) {
        case "x-forwarded-for" -> List.of("9.9.9.9", "1.1.1.1, junk, 2.2.2.2 , nope");
        case "x-empty" -> List.of("");
        case "x-v6" -> List.of("::1");
        default -> List.of();
    };

    private static TrustedProxyConfig proxy(boolean leftmost, String... headers) {
        return new TrustedProxyConfig(List.of(headers), leftmost);
    }

    @Test
    void withoutTrustedHeadersTheTcpPeerIsTheClient() {
        assertEquals("127.0.0.1", ClientIp.resolve(TrustedProxyConfig.DEFAULTS, HEADERS, "127.0.0.1"));
        assertEquals("127.0.0.1", ClientIp.resolve(proxy(false), HEADERS, "127.0.0.1"));
    }

    @Test
    void theLastOccurrenceOfTheFirstUsableHeaderIsSplitAndScanned() {
        assertEquals("2.2.2.2", ClientIp.resolve(proxy(false, "X-Empty", "X-Forwarded-For"), HEADERS, "127.0.0.1"));
        assertEquals("1.1.1.1", ClientIp.resolve(proxy(true, "X-Forwarded-For"), HEADERS, "127.0.0.1"));
        assertEquals("127.0.0.1", ClientIp.resolve(proxy(false, "X-Missing", "X-Empty"), HEADERS, "127.0.0.1"));
    }

    @Test
    void ipv6ComesOutFullyExpanded() {
        assertEquals("0000:0000:0000:0000:0000:0000:0000:0001",
                ClientIp.resolve(proxy(false, "X-V6"), HEADERS, "127.0.0.1"));
        assertEquals("0000:0000:0000:0000:0000:0000:0000:0001", ClientIp.resolve(TrustedProxyConfig.DEFAULTS, HEADERS, "0:0:0:0:0:0:0:1"));
    }

    @Test
    void onlyIpLiteralsAreAddresses() {
        assertEquals("10.0.0.255", ClientIp.parseIp("10.0.0.255"));
        assertEquals("0.0.0.0", ClientIp.parseIp("0.0.0.0"));
        assertEquals("255.255.255.255", ClientIp.parseIp("255.255.255.255"));
        for (String notAnAddress : List.of("", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4.", ".1.2.3.4",
                "1.2.3.-4", "1.2.3.1000", "example.com", "1.2.3.4 ", "localhost")) {
            assertNull(ClientIp.parseIp(notAnAddress), notAnAddress);
        }
    }
}
