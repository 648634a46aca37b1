package dev.locket.application.service.admin;

import static dev.locket.application.fake.Fixtures.authRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.port.in.admin.ManageCrons;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CronServiceTest {
    private final RequestInfo root = RequestInfo.superuser(
            authRecord(Fixtures.superusers(), "root00000000000", "root@example.com", "hashed:x"));
    private final RequestInfo alice = RequestInfo.superuser(
            authRecord(Fixtures.users(), "alice0000000000", "alice@example.com", "hashed:x"));
    private final CronService crons = new CronService(Clock.systemUTC());

    @Test
    void listsUserJobsByIdThenSystemJobsInRegistrationOrder() {
        crons.add("__pbLogsCleanup__", "0 */6 * * *", () -> { });
        crons.add("__pbDBOptimize__", "@daily", () -> { });
        crons.add("zeta", "* * * * *", () -> { });
        crons.add("alpha", "@hourly", () -> { });
        assertEquals(List.of(new ManageCrons.Job("alpha", "0 * * * *"), new ManageCrons.Job("zeta", "* * * * *"),
                new ManageCrons.Job("__pbLogsCleanup__", "0 */6 * * *"),
                new ManageCrons.Job("__pbDBOptimize__", "0 0 * * *")), crons.list(root));
    }

    @Test
    void onlySuperusersMayListOrRun() {
        crons.add("job", "* * * * *", () -> { });
        assertThrows(Unauthorized.class, () -> crons.list(RequestInfo.guest()));
        assertThrows(Forbidden.class, () -> crons.list(alice));
        assertThrows(Forbidden.class, () -> crons.run("job", alice));
    }

    @Test
    void runStartsTheJobInTheBackgroundAndUnknownIdsAre404() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        crons.add("job", "0 0 1 1 *", ran::countDown);
        crons.run("job", root);
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        NotFound e = assertThrows(NotFound.class, () -> crons.run("missing", root));
        assertEquals("Missing or invalid cron job.", e.getMessage());
    }

    @Test
    void theStartedTickerRunsDueJobsAtTheNextMinute() throws InterruptedException {
        // 10 ms before a minute boundary: the ticker's first tick comes almost at once.
        Clock almost = Clock.fixed(java.time.Instant.parse("2024-05-01T10:00:59.990Z"), java.time.ZoneOffset.UTC);
        CronService started = new CronService(almost);
        CountDownLatch ran = new CountDownLatch(1);
        started.add("every-minute", "* * * * *", ran::countDown);
        started.start();
        try {
            assertTrue(ran.await(10, TimeUnit.SECONDS));
        } finally {
            started.close();
        }
    }

    @Test
    void aTickRunsOnlyTheDueJobsAndReplacedJobsUseTheNewAction() throws InterruptedException {
        CountDownLatch hourly = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        crons.add("hourly", "0 * * * *", never::countDown);
        crons.add("hourly", "0 * * * *", hourly::countDown);
        crons.add("yearly", "@yearly", never::countDown);
        crons.tick(ZonedDateTime.parse("2024-05-01T10:00:00Z"));
        assertTrue(hourly.await(5, TimeUnit.SECONDS));
        assertEquals(1, crons.jobs().stream().filter(j -> j.id().equals("hourly")).count());
        Thread.sleep(50);
        assertEquals(1, never.getCount());
        crons.remove("hourly");
        assertEquals(List.of("yearly"), crons.jobs().stream().map(ManageCrons.Job::id).toList());
    }
}
