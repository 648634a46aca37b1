package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.Locket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedding program learns at once that serve could not start, not after awaitPort's whole timeout. */
class ServeFailureIT {
    @TempDir
    Path tmp;

    @Test
    void awaitPortFailsAsSoonAsServeEndsWithoutListening() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Locket app = Locket.create();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                    "serve", "--http", "127.0.0.1:" + taken.getLocalPort(), "--dir", tmp.resolve("pb_data").toString()),
                    runnable -> Thread.ofVirtual().start(runnable));
            // a TimeoutException here would mean the failure was only noticed at the deadline
            assertThrows(IllegalStateException.class, () -> app.awaitPort(10, TimeUnit.MINUTES));
            assertNotEquals(0, exit.get(30, TimeUnit.SECONDS), "serve on a taken port exits non-zero");
        }
    }
}
