package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JS SDK's realtime reconnect ({@code e2e/needs-restart/}): once the suite has subscribed, the server is
 * stopped (its SSE streams close) and started again on the same address; the SDK must reconnect with a new
 * client id, post its topics again and receive the next event.
 */
class RealtimeReconnectSdkIT {
    @TempDir
    Path tmp;

    @Test
    void theSdkReconnectsAfterTheServerClosesTheStream() throws Exception {
        Path dir = LocketProcess.sdkDataDir(tmp);
        Path turns = Files.createDirectories(tmp.resolve("turns"));
        int port = LocketProcess.freePort();
        LocketProcess first = LocketProcess.serve(dir, port);
        CompletableFuture<String> suite = CompletableFuture.supplyAsync(() -> {
            try {
                return first.runSdk(tmp, Map.of("LOCKET_RESTART_DIR", turns.toString()), "needs-restart/");
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        LocketProcess second = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(turns.resolve("subscribed")) && !suite.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(turns.resolve("subscribed")), "the suite subscribed");
            first.terminate();
            second = LocketProcess.serve(dir, port);
            Files.writeString(turns.resolve("restarted"), "yes");
            String out = suite.get(120, TimeUnit.SECONDS);
            assertTrue(out.contains("pass 1") && out.contains("fail 0"), out);
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }
}
