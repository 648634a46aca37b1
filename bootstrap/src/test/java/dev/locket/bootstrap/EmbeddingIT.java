package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locket.Locket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's minimal embedding program: create the app, add a route on serve, start it. */
class EmbeddingIT {
    @TempDir
    Path tmp;

    @Test
    void aRouteAddedOnServeAnswersBesideTheApi() throws Exception {
        Locket app = Locket.create();
        app.onServe().bind(e -> {
            e.routes().get("/hello", (req, res) -> res.send("Hello from Locket!"));
            e.next();
        });
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", tmp.resolve("pb_data").toString()));
        try {
            int port = app.awaitPort(30, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> hello = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, hello.statusCode());
            assertEquals("Hello from Locket!", hello.body());

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        } finally {
            app.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }
}
