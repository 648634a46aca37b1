package com.example.todos;

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

/** Starts the app on a free port and runs {@code src/test/js} against it with the official PocketBase JS SDK. */
class TodosAppTest {
    @TempDir
    Path tmp;

    @Test
    void theTodosRulesRouteAndHookWorkThroughTheJsSdk() throws Exception {
        Locket app = TodosApp.create();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", tmp.resolve("pb_data").toString()));
        try {
            String url = "http://127.0.0.1:" + app.awaitPort(60, TimeUnit.SECONDS);
            System.out.println(JsSdk.run(Path.of("src/test/js"), Map.of("LOCKET_URL", url), Duration.ofMinutes(2), "."));
        } finally {
            app.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }
}
