package dev.locket.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locket.Locket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom-scenario server (WORKLOAD §5.4): its Java route and update hook behave as upstream's Go pair. */
class BenchAppIT {
    @TempDir
    Path tmp;

    @Test
    void routeListsTheNewestTitledPostsAndTheHookRewritesTitles() throws Exception {
        String dir = tmp.resolve("pb_data").toString();
        assertEquals(0, BenchApp.create().start("superuser", "upsert", "su@example.com", "1234567890", "--dir", dir));
        Locket app = BenchApp.create();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", dir));
        try {
            int port = app.awaitPort(30, TimeUnit.SECONDS);
            AdminApi api = new AdminApi(new OneShotHttp("127.0.0.1", port), new ObjectMapper());
            String su = api.authWithPassword("_superusers", "su@example.com", "1234567890");
            api.call("POST", "/api/collections", su, Map.of("name", "posts10k", "type", "base",
                    "listRule", "", "viewRule", "", "updateRule", "",
                    "fields", List.of(Map.of("name", "title", "type", "text"),
                            Map.of("name", "created", "type", "autodate", "onCreate", true))));
            String last = "";
            for (int i = 0; i < 25; i++) {
                // one untitled record: the route's filter must skip it
                Map<String, Object> rec = api.call("POST", "/api/collections/posts10k/records", su,
                        Map.of("title", i == 24 ? "" : "t" + i));
                last = (String) rec.get("id");
                Thread.sleep(2); // distinct `created` millis keep the expected order unambiguous
            }
            List<?> page = new ObjectMapper().readValue(new OneShotHttp("127.0.0.1", port)
                    .send("GET", "/java", su, null, 5_000).body(), List.class);
            assertEquals(20, page.size());
            assertEquals("t23", ((Map<?, ?>) page.get(0)).get("title"));
            assertEquals("t4", ((Map<?, ?>) page.get(19)).get("title"));

            api.patchCollection(su, "posts10k", Map.of("name", "java"));
            String id = (String) ((Map<?, ?>) page.get(0)).get("id");
            Map<String, Object> updated = api.call("PATCH", "/api/collections/java/records/" + id, su,
                    Map.of("title", "hook_update"));
            assertEquals("java_update", updated.get("title"));
            // an empty title is left alone, as upstream's hook only rewrites non-empty ones
            assertEquals("", api.call("PATCH", "/api/collections/java/records/" + last, su, Map.of("title", ""))
                    .get("title"));
        } finally {
            app.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }
}
