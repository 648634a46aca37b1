package dev.locket.domain.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpWhitelistTest {
    IpWhitelist list = new IpWhitelist(List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "bogus", "1.2.3.4/99"));

    @Test
    void exactAddressesAndCidrRangesMatch() {
        assertTrue(list.contains("10.20.30.40"));
        assertTrue(list.contains("192.168.1.7"));
        assertTrue(list.contains("2001:db8:0:0:0:0:0:1"));
        assertFalse(list.contains("192.168.1.8"));
        assertFalse(list.contains("11.0.0.1"));
        assertFalse(list.contains("1.2.3.4"), "a malformed prefix matches nothing");
    }

    @Test
    void hostNamesAreNeverResolved() {
        assertFalse(list.contains("localhost"));
        assertTrue(IpWhitelist.parse("example.com").isEmpty());
        assertTrue(IpWhitelist.parse("127.1").isEmpty());
        // issue 14 item 12: hex-looking names are not literals and are never handed to DNS
        long start = System.nanoTime();
        assertTrue(IpWhitelist.parse("dead.beef.cafe.face").isEmpty());
        assertTrue(IpWhitelist.parse("a.b.c.d").isEmpty());
        assertTrue(System.nanoTime() - start < 50_000_000L, "no resolver round trip");
        assertTrue(IpWhitelist.parse("10.0.0.1").isPresent());
        assertTrue(IpWhitelist.parse("::ffff:10.0.0.1").isPresent());
    }
}
