package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.Locket;
import dev.locket.LocketConfig;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.TextField;
import dev.locket.domain.rule.RequestInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedding program's cron jobs and Java migrations, seen over real HTTP. */
class CronAndMigrationsEmbeddedIT {
    @TempDir
    Path tmp;

    @Test
    void aCronJobAddedInCodeIsListedAndRunFromTheApiAndRemoved() throws Exception {
        Path dir = tmp.resolve("pb_data");
        CountDownLatch ran = new CountDownLatch(1);
        Locket app = Locket.create();
        app.cron().add("hello", "*/5 * * * *", ran::countDown);
        assertThrows(IllegalArgumentException.class, () -> app.cron().add("bad", "every minute", () -> { }));
        assertEquals(0, app.start("superuser", "upsert", "admin@example.com", "s3cret-pass", "--dir", dir.toString()));
        Locket server = Locket.create();
        server.cron().add("hello", "*/5 * * * *", ran::countDown);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> server.start(
                "serve", "--http", "127.0.0.1:0", "--dir", dir.toString()));
        try {
            String base = "http://127.0.0.1:" + server.awaitPort(30, TimeUnit.SECONDS);
            String token = MigrateCommandIT.superuserToken(base, "admin@example.com", "s3cret-pass");
            HttpResponse<String> list = get(base + "/api/crons", token);
            assertEquals(200, list.statusCode(), list.body());
            assertTrue(list.body().startsWith("[{\"id\":\"hello\",\"expression\":\"*/5 * * * *\"}"),
                    "user jobs first, as upstream: " + list.body());

            HttpResponse<String> run = MigrateCommandIT.post(base + "/api/crons/hello", token, "");
            assertEquals(204, run.statusCode(), run.body());
            assertTrue(ran.await(10, TimeUnit.SECONDS), "POST /api/crons/hello started the job");

            server.cron().remove("hello");
            assertFalse(get(base + "/api/crons", token).body().contains("\"hello\""));
            assertEquals(404, MigrateCommandIT.post(base + "/api/crons/hello", token, "").statusCode());
        } finally {
            server.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aJavaMigrationRunsBeforeServingOnceAndMigrateDownRevertsIt() throws Exception {
        Path dir = tmp.resolve("pb_data");
        int[] ups = {0};
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Supplier<Locket> newApp = () -> {
            // the embedder answers migrate down's question (the terminal would otherwise be asked)
            Locket app = Locket.create(LocketConfig.defaults().withConfirmation(question -> asked.add(question)));
            app.migrations().register("1712345678_add_todos", a -> {
                ups[0]++;
                a.collections().create(CollectionDraft.base("todos")
                        .field(new TextField(FieldMeta.named("title"), false, 0, 0, "", "", false))
                        .listRule(""), RequestInfo.system());
            }, a -> a.collections().delete("todos", RequestInfo.system()));
            return app;
        };
        assertThrows(IllegalArgumentException.class,
                () -> Locket.create().migrations().register("add_todos", a -> { }, null), "<unix>_<name>");

        for (int round = 0; round < 2; round++) {
            Locket app = newApp.get();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                    "serve", "--http", "127.0.0.1:0", "--dir", dir.toString()));
            try {
                String base = "http://127.0.0.1:" + port(app, exit);
                HttpResponse<String> todos = get(base + "/api/collections/todos/records", null);
                assertEquals(200, todos.statusCode(), todos.body());
            } finally {
                app.stop();
            }
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        }
        assertEquals(1, ups[0], "applied once, recorded in _migrations");

        assertEquals(0, newApp.get().start("migrate", "down", "--dir", dir.toString()));
        assertEquals(List.of("\n1712345678_add_todos\nDo you really want to revert the last 1 applied migration(s)?"),
                asked);
        Locket app = Locket.create(); // without the migration: nothing re-creates todos
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", dir.toString()));
        try {
            String base = "http://127.0.0.1:" + port(app, exit);
            assertEquals(404, get(base + "/api/collections/todos/records", null).statusCode());
        } finally {
            app.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    /** The port once serving; a start that ended instead (say a failed migration) fails with its exit code. */
    private static int port(Locket app, CompletableFuture<Integer> exit) throws Exception {
        // polled on this thread: on two cores the common pool has one worker, and serve() holds it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                return app.awaitPort(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                assertFalse(exit.isDone(), "start ended with exit code " + exit.getNow(null));
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
