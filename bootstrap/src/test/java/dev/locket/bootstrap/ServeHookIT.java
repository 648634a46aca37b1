package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.Locket;
import dev.locket.ServeEvent;
import dev.locket.application.hook.Hook;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serve refuses to start as upstream's {@code apis.Serve} does: a serve handler that does not call
 * {@code next()} leaves the listener unstarted (upstream's "Did you forget to call the ServeEvent.Next()
 * method?"), and routes Go's ServeMux would refuse (it panics) fail the start with both routes named.
 */
class ServeHookIT {
    @TempDir
    Path tmp;

    /** Starts serve with {@code handler} on the serve hook; returns why awaitPort failed and the exit code. */
    private String failedStart(Hook.Handler<ServeEvent> handler, String name) throws Exception {
        Locket app = Locket.create();
        app.onServe().bind(handler);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", tmp.resolve(name).toString()),
                runnable -> Thread.ofVirtual().start(runnable));
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> app.awaitPort(2, TimeUnit.MINUTES));
        assertEquals(1, exit.get(30, TimeUnit.SECONDS), "a refused serve exits 1 with one error line");
        assertTrue(failed.getCause() != null, "the reason travels with the failure");
        return failed.getCause().getMessage();
    }

    @Test
    void aServeHandlerThatDoesNotCallNextKeepsTheServerDown() throws Exception {
        String why = failedStart(se -> { }, "no-next");
        assertTrue(why.contains("did not call e.next()"), why);
    }

    @Test
    void twoEquallySpecificRoutesFailTheStart() throws Exception {
        String why = failedStart(se -> {
            se.router().get("/dup/{a}", e -> e.string(200, "a"));
            se.router().group("/dup").get("/{b}", e -> e.string(200, "b"));
            se.next();
        }, "dup");
        assertTrue(why.contains("\"GET /dup/{b}\" conflicts with route \"GET /dup/{a}\""), why);
    }

    @Test
    void aRouteDuplicatingAnApiRouteFailsTheStart() throws Exception {
        String why = failedStart(se -> {
            se.router().get("/api/health", e -> e.string(200, "mine"));
            se.next();
        }, "api");
        assertTrue(why.contains("\"GET /api/health\" conflicts with route \"GET /api/health\""), why);
    }
}
