package dev.locket.adapters.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisconnectWatchTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode";

    @Test
    void onlyConnectionsTheirPeerClosedAreReportedFromBothTables() {
        List<String> tcp = List.of(HEADER,
                "   0: 00000000:1F9A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1062 1",
                "   1: 0100007F:1F9A 0100007F:D431 06 00000000:00000000 03:00000DA3 00000000     0        0 0 3",
                "   2: 0100007F:1F9A 0100007F:D432 08 00000000:00000000 00:00000000 00000000     0        0 4711 1");
        List<String> tcp6 = List.of(HEADER,
                "   0: 0000000000000000FFFF00000100007F:1F9A 0000000000000000FFFF00000100007F:D433 08 00000000:00000000"
                        + " 00:00000000 00000000     0        0 4712 1");

        assertEquals(Set.of("127.0.0.1:8090>127.0.0.1:54322"), DisconnectWatch.closeWait(tcp));
        // a dual-stack socket lists IPv4 peers as mapped IPv6: keyed as the plain IPv4 the request sees
        assertEquals(Set.of("127.0.0.1:8090>127.0.0.1:54323"), DisconnectWatch.closeWait(tcp6));
    }

    @Test
    void shortOrEmptyRowsAreSkipped() {
        assertEquals(Set.of(), DisconnectWatch.closeWait(List.of(HEADER, "", "   7: 0100007F:1F9A")));
    }
}
