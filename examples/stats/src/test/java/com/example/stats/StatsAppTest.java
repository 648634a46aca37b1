package com.example.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locket.Locket;
import dev.locket.sdktest.JsSdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", dir));
        try {
            String url = "http://127.0.0.1:" + app.awaitPort(60, TimeUnit.SECONDS);
            System.out.println(JsSdk.run(Path.of("src/test/js"), Map.of("LOCKET_URL", url,
                    "LOCKET_SUPERUSER_EMAIL", "admin@example.com", "LOCKET_SUPERUSER_PASSWORD", "admin-pass-1"),
                    Duration.ofMinutes(2), "."));
        } finally {
            app.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }
}
