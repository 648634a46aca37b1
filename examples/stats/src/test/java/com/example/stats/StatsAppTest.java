package com.example.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locket.Locket;
import dev.locket.sdktest.JsSdk;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the app on a free port with a superuser (who may run cron jobs) and runs {@code src/test/js} against
 * it with the official PocketBase JS SDK.
 */
class StatsAppTest {
    @TempDir
    Path tmp;

    @Test
    void theCronJobPublishesOnTheStatsTopicThroughTheJsSdk() throws Exception {
        String dir = tmp.resolve("pb_data").toString();
        assertEquals(0, Locket.create().start("superuser", "upsert", "admin@example.com", "admin-pass-1", "--dir", dir));
        Locket app = StatsApp.create();
        System.out.println(JsSdk.runWhileServing(app::start, app::awaitPort, app::stop, dir, Path.of("src/test/js"),
                Map.of("LOCKET_SUPERUSER_EMAIL", "admin@example.com", "LOCKET_SUPERUSER_PASSWORD", "admin-pass-1")));
    }
}
