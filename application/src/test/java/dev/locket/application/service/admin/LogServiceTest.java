package dev.locket.application.service.admin;

import static dev.locket.application.fake.Fixtures.authRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemorySettingsStore;
import dev.locket.application.fake.OpaqueSettingsFormat;
import dev.locket.application.port.in.admin.LogRequests;
import dev.locket.application.port.in.admin.ReadLogs;
import dev.locket.application.port.out.LogEntry;
import dev.locket.application.port.out.LogStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.service.settings.SettingsService;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.json.JsonObject;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.LogsConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogServiceTest {
    private final RequestInfo root = RequestInfo.superuser(
            authRecord(Fixtures.superusers(), "root00000000000", "root@example.com", "hashed:x"));
    private final RequestInfo alice = RequestInfo.superuser(
            authRecord(Fixtures.users(), "alice0000000000", "alice@example.com", "hashed:x"));
    private final Clock clock = Clock.fixed(Instant.parse("2024-05-10T12:00:00Z"), ZoneOffset.UTC);
    private final ListLogStore store = new ListLogStore();
    private final SettingsService settings = new SettingsService(new InMemorySettingsStore(),
            new OpaqueSettingsFormat());
    private final LogService logs = new LogService(store, settings, clock, new Random(1));

    /** A log table kept in a list; filters are not interpreted ("bad" fails like a bad filter would). */
    static final class ListLogStore implements LogStore {
        final List<LogEntry> rows = new ArrayList<>();
        String lastDeletedBefore;
        Integer lastDeletedBelow;

        @Override
        public void insert(List<LogEntry> entries) {
            rows.addAll(entries);
        }

        @Override
        public Page<LogEntry> list(String filter, List<String> sort, int page, int perPage, boolean skipTotal) {
            if (filter.equals("bad")) {
                throw new BadRequest("invalid filter");
            }
            return new Page<>(page, perPage, rows.size(), 1, List.copyOf(rows));
        }

        @Override
        public Optional<LogEntry> find(String id) {
            return rows.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        @Override
        public List<HourlyCount> stats(String filter) {
            if (filter.equals("bad")) {
                throw new BadRequest("invalid filter");
            }
            return List.of(new HourlyCount("2024-05-10 12:00:00.000Z", rows.size()));
        }

        @Override
        public long deleteCreatedBefore(String created) {
            lastDeletedBefore = created;
            return 0;
        }

        @Override
        public long deleteBelowLevel(int level) {
            lastDeletedBelow = level;
            return 0;
        }
    }

    private static LogRequests.FinishedRequest request(int status, String error) {
        return new LogRequests.FinishedRequest("GET", "/api/x?q=a%20b", status, 1.5, "http://ref", "agent",
                "_superusers", "root00000000000", "127.0.0.1", "10.0.0.1",
                Optional.ofNullable(error), error == null ? JsonObject.empty() : JsonObject.of(Map.of("field", "bad")));
    }

    @Test
    void requestsAreQueuedThenWrittenInOneBatchWithUpstreamsData() {
        logs.log(request(200, null));
        logs.log(request(404, "Not found."));
        assertTrue(store.rows.isEmpty(), "nothing is written on the request's thread");
        logs.flush();
        assertEquals(2, store.rows.size());
        LogEntry ok = store.rows.get(0);
        assertEquals(0, ok.level());
        assertEquals("GET /api/x?q=a b", ok.message());
        assertEquals("2024-05-10 12:00:00.000Z", ok.created());
        assertEquals(15, ok.id().length());
        // Sorted keys, as upstream's Go map serialises; IPs kept (logIP defaults to true), authId not.
        assertEquals(List.of("auth", "execTime", "method", "referer", "remoteIP", "status", "type", "url", "userAgent",
                "userIP"), new ArrayList<>(ok.data().keySet()));
        assertEquals("/api/x?q=a%20b", ok.data().get("url"));
        assertEquals("10.0.0.1", ok.data().get("userIP"));
        LogEntry failed = store.rows.get(1);
        assertEquals(8, failed.level());
        assertEquals("Not found.", failed.data().get("error"));
        assertEquals(Map.of("field", "bad"), failed.data().get("details"));
    }

    @Test
    void theLogsApiSeesEntriesStillQueued() {
        logs.log(request(404, "Not found."));
        assertEquals(1, logs.list(new ReadLogs.ListQuery("", "", 1, 30, false, root)).items().size());
    }

    @Test
    void theBackgroundWriterFlushesOnItsOwn() throws InterruptedException {
        logs.start();
        try {
            logs.log(request(200, null));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (store.rows.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, store.rows.size());
        } finally {
            logs.close();
        }
    }

    @Test
    void theLogsSettingsDecideWhatIsKept() {
        settings.save(s -> s.withLogs(new LogsConfig(s.logs().maxDays(), 4, false, true)));
        assertFalse(logs.keeps(false), "minLevel 4 keeps no info entry");
        assertTrue(logs.keeps(true));
        logs.log(request(200, null));
        logs.log(request(500, "boom"));
        logs.flush();
        assertEquals(1, store.rows.size());
        Map<String, Object> data = store.rows.getFirst().data();
        assertEquals("root00000000000", data.get("authId"));
        assertFalse(data.containsKey("userIP"));
        assertFalse(data.containsKey("remoteIP"));

        settings.save(s -> s.withLogs(new LogsConfig(0, s.logs().minLevel(), s.logs().logIP(), s.logs().logAuthId())));
        logs.log(request(500, "boom"));
        logs.flush();
        assertEquals(1, store.rows.size(), "maxDays 0 turns request logging off");
        assertFalse(logs.keeps(true));
    }

    @Test
    void longUrlsAndHeadersAreCut() {
        logs.log(new LogRequests.FinishedRequest("GET", "/" + "u".repeat(4000), 200, 1, "r".repeat(2500),
                "a".repeat(10), "", "", "", "", Optional.empty(), JsonObject.empty()));
        logs.flush();
        Map<String, Object> data = store.rows.getFirst().data();
        assertEquals(3003, ((String) data.get("url")).length());
        assertTrue(((String) data.get("url")).endsWith("..."));
        assertEquals(2003, ((String) data.get("referer")).length());
    }

    @Test
    void readingIsForSuperusersAndBadFiltersAre400s() {
        logs.log(request(200, null));
        logs.flush();
        String id = store.rows.getFirst().id();
        assertThrows(Unauthorized.class, () -> logs.view(id, RequestInfo.guest()));
        assertThrows(Forbidden.class, () -> logs.list(new ReadLogs.ListQuery("", "", 1, 30, false, alice)));
        assertEquals(id, logs.view(id, root).id());
        assertThrows(NotFound.class, () -> logs.view("missing", root));
        assertEquals(1, logs.list(new ReadLogs.ListQuery("", "-created", 1, 30, false, root)).items().size());
        BadRequest list = assertThrows(BadRequest.class,
                () -> logs.list(new ReadLogs.ListQuery("bad", "", 1, 30, false, root)));
        assertEquals(BadRequest.GENERIC, list.getMessage());
        BadRequest stats = assertThrows(BadRequest.class, () -> logs.stats("bad", root));
        assertEquals("Invalid filter format.", stats.getMessage());
        assertEquals(1, logs.stats("", root).getFirst().total());
    }

    @Test
    void cleanupDropsEntriesOlderThanMaxDaysAndSavesAlsoDropLowLevels() {
        logs.deleteExpired();
        assertEquals("2024-05-05 12:00:00.000Z", store.lastDeletedBefore);
        logs.applySettings(settings.save(s -> s.withLogs(new LogsConfig(2, 4, s.logs().logIP(), s.logs().logAuthId()))));
        assertEquals("2024-05-08 12:00:00.000Z", store.lastDeletedBefore);
        assertEquals(4, store.lastDeletedBelow);
    }
}
