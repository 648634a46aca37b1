package dev.locket.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.FixtureCollections;
import dev.locket.domain.record.Record;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestInfoTest {
    private static final Record ROOT = new Record(FixtureCollections.collection("_superusers"), Map.of("id", "r1"));
    private static final Record USER = new Record(FixtureCollections.collection("users"), Map.of("id", "u1"));

    @Test
    void theCallerFollowsTheAuthRecordOrTheSystemFlag() {
        assertEquals(RequestInfo.Caller.GUEST, RequestInfo.guest().caller());
        assertEquals(RequestInfo.Caller.RECORD, new RequestInfo(Optional.of(USER), "GET", Map.of(), Map.of(),
                Map.of(), "default").caller());
        assertEquals(RequestInfo.Caller.SUPERUSER, RequestInfo.superuser(ROOT).caller());
        assertEquals(RequestInfo.Caller.SYSTEM, RequestInfo.system().caller());
    }

    @Test
    void noRequestIsAGuestsAndAGivenOneIsKept() {
        assertEquals(RequestInfo.Caller.GUEST, RequestInfo.orGuest(null).caller());
        assertFalse(RequestInfo.orGuest(null).isSuperuser());
        RequestInfo system = RequestInfo.system();
        assertSame(system, RequestInfo.orGuest(system));
    }

    @Test
    void theSystemCallerHasSuperuserRightsWithoutAnAuthRecord() {
        RequestInfo system = RequestInfo.system();
        assertTrue(system.isSuperuser());
        assertTrue(system.auth().isEmpty());
        assertFalse(RequestInfo.guest().isSuperuser());
        assertThrows(IllegalArgumentException.class, () -> new RequestInfo(Optional.of(ROOT), "GET", Map.of(),
                Map.of(), Map.of(), "default", true));
    }

    @Test
    void derivedRequestsStayTheSystemCaller() {
        RequestInfo derived = RequestInfo.system().withMethod("POST").withBody(Map.of("a", 1)).withContext("batch");
        assertEquals(RequestInfo.Caller.SYSTEM, derived.caller());
        assertEquals("POST", derived.method());
    }

    @Test
    void rulesNameAHeaderInLowerCaseWithUnderscoresForEverythingButLettersAndDigits() {
        assertEquals("x_forwarded_for", RequestInfo.headerKey("X-Forwarded-For"));
        assertEquals("content_type", RequestInfo.headerKey("Content-Type"));
        assertEquals("abc9", RequestInfo.headerKey("ABC9"));
        assertEquals("a_b_c_", RequestInfo.headerKey("a.b~c!"));
    }
}
