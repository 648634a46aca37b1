package dev.locket.adapters.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.locket.adapters.http.HttpConfig;
import dev.locket.adapters.http.HttpPorts;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GracefulStopIT {

    @Test
    void openEventStreamsDoNotHoldUpStop() throws Exception {
        HttpPorts ports = HttpPorts.builder()
                .records(mock(ListRecords.class), mock(ViewRecord.class), mock(CreateRecord.class),
                        mock(UpdateRecord.class), mock(DeleteRecord.class))
                .collections(mock(ManageCollections.class))
                .auth(mock(AuthWithPassword.class), mock(AuthRefresh.class), mock(Authenticate.class))
                .build();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LocketHttpServer server = LocketHttpServer.start(new HttpConfig("127.0.0.1", 0), ports,
                routes -> routes.get("/api/realtime", (req, res) -> {
                    entered.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    res.send("bye");
                }));
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/realtime")).build(), BodyHandlers.ofString());
        entered.await(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        server.stop();
        long millis = (System.nanoTime() - start) / 1_000_000;
        release.countDown();
        assertTrue(millis < 5000, "stop waited " + millis + " ms for an event stream");
    }

    @Test
    void stopLetsInFlightRequestsFinishAndRefusesNewOnes() throws Exception {
        HttpPorts ports = HttpPorts.builder()
                .records(mock(ListRecords.class), mock(ViewRecord.class), mock(CreateRecord.class),
                        mock(UpdateRecord.class), mock(DeleteRecord.class))
                .collections(mock(ManageCollections.class))
                .auth(mock(AuthWithPassword.class), mock(AuthRefresh.class), mock(Authenticate.class))
                .build();
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean answered = new AtomicBoolean();
        LocketHttpServer server = LocketHttpServer.start(new HttpConfig("127.0.0.1", 0), ports,
                routes -> routes.get("/slow", (req, res) -> {
                    entered.countDown();
                    try {
                        Thread.sleep(700);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    res.send("done");
                    answered.set(true);
                }));
        int port = server.port();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(), BodyHandlers.ofString());
        entered.await(5, TimeUnit.SECONDS);
        server.stop();
        // stop() returns only after the in-flight request was answered.
        assertTrue(answered.get());
        HttpResponse<String> r = slow.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("done", r.body());
        assertThrows(Exception.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
                BodyHandlers.ofString()));
    }
}
