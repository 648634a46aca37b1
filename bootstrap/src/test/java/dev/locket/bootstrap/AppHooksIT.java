package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.locket.Locket;
import dev.locket.application.hook.BackupEvent;
import dev.locket.application.hook.MailerEvent;
import dev.locket.application.hook.MailerRecordEvent;
import dev.locket.application.hook.RealtimeConnectRequestEvent;
import dev.locket.application.hook.RealtimeSubscribeRequestEvent;
import dev.locket.application.port.out.MailMessage;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.realtime.RealtimeMessage;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 2c: upstream's realtime, mailer, backup, bootstrap and terminate hooks bound on the facade,
 * driven through one real server (SSE and WebSocket clients, mail through GreenMail, backups over HTTP): each
 * fires with upstream's payload, a veto and a change have their observable effect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppHooksIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"))
            .withPerMethodLifecycle(false);

    @TempDir
    static Path tmp;
    Locket app;
    CompletableFuture<Integer> exit;
    String base;
    String root;
    final HttpClient http = HttpClient.newHttpClient();

    final List<String> bootstrapSteps = new CopyOnWriteArrayList<>();
    final BlockingQueue<Boolean> terminations = new LinkedBlockingQueue<>();
    final List<RealtimeConnectRequestEvent> connects = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> disconnected = new LinkedBlockingQueue<>();
    final List<RealtimeSubscribeRequestEvent> subscribes = new CopyOnWriteArrayList<>();
    final List<String> messagesSeen = new CopyOnWriteArrayList<>();
    final List<MailMessage> mailerSends = new CopyOnWriteArrayList<>();
    final List<MailerRecordEvent> recordMails = new CopyOnWriteArrayList<>();
    final List<MailerRecordEvent> otherCollectionMails = new CopyOnWriteArrayList<>();
    final List<BackupEvent> backupCreates = new CopyOnWriteArrayList<>();
    final BlockingQueue<BackupEvent> backupRestores = new LinkedBlockingQueue<>();
    volatile boolean vetoRestore = true;

    @BeforeAll
    void start() throws Exception {
        Path dir = tmp.resolve("pb_data");
        assertEquals(0, Locket.create().start("superuser", "upsert", "root@example.com", "root-password-1",
                "--dir", dir.toString()));
        AuthMailIT.configureSmtp(dir, mail.getSmtp().getPort());
        app = Locket.create();
        bindSystemHooks();
        bindRealtimeHooks();
        bindMailerHooks();
        exit = CompletableFuture.supplyAsync(() -> app.start("serve", "--http", "127.0.0.1:0", "--dir",
                dir.toString()), runnable -> Thread.ofVirtual().start(runnable));
        base = "http://127.0.0.1:" + app.awaitPort(30, TimeUnit.SECONDS);
        root = call("POST", "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"root@example.com\",\"password\":\"root-password-1\"}").body().get("token").asText();
    }

    @AfterAll
    void stop() throws Exception {
        app.stop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertEquals(Boolean.FALSE, terminations.poll(5, TimeUnit.SECONDS), "stop() terminates, not a restart");
    }

    private void bindSystemHooks() {
        app.onBootstrap().bind(e -> {
            // before next() nothing is open; after it the app's data API answers
            bootstrapSteps.add("before:" + opened() + ":" + e.dataDir().getFileName());
            e.next();
            bootstrapSteps.add("after:" + opened());
        });
        app.onTerminate().bind(e -> {
            // the data is still open for the handlers; it closes at next()
            assertTrue(opened(), "the data is open while onTerminate handlers run");
            e.next();
            terminations.add(e.isRestart());
        });
        app.onBackupCreate().bind(e -> {
            backupCreates.add(e);
            if (e.name().equals("vetoed.zip")) {
                throw new BadRequest("No backups under that name.");
            }
            if (e.name().equals("rename-me.zip")) {
                e.name("renamed.zip");
            }
            e.next();
        });
        app.onBackupRestore().bind(e -> {
            backupRestores.add(e);
            if (vetoRestore) {
                throw new Forbidden("Restores are off.");
            }
            e.next();
        });
    }

    private boolean opened() {
        try {
            app.findRecordsByFilter("_superusers", "", "", 1, 0);
            return true;
        } catch (IllegalStateException notOpen) {
            return false;
        }
    }

    private void bindRealtimeHooks() {
        app.onRealtimeConnectRequest().bind(e -> {
            if (e.request().headers().containsKey("x_veto")) {
                throw new Forbidden("No realtime for you.");
            }
            if (e.request().headers().containsKey("x_answer")) {
                e.json(202, Map.of("realtime", "answered")); // a request event's answer instead of the stream
                return;
            }
            connects.add(e);
            e.next();
            disconnected.add(e.client().id().value()); // upstream: after next() the client has gone
        });
        app.onRealtimeSubscribeRequest().bind(e -> {
            if (e.subscriptions().contains("forbidden")) {
                throw new BadRequest("That topic is not allowed.");
            }
            if (e.subscriptions().contains("answered")) {
                e.json(200, Map.of("asked", List.copyOf(e.subscriptions()))); // replaces the 204, nothing applied
                return;
            }
            e.subscriptions().replaceAll(t -> t.equals("alias") ? "news" : t);
            subscribes.add(e);
            e.next();
        });
        app.onRealtimeMessageSend().bind(e -> {
            RealtimeMessage m = e.message();
            messagesSeen.add(e.client().id().value() + " " + m.name());
            if (m.name().equals("news") && m.data().contains("secret")) {
                return; // dropped: never written
            }
            if (m.name().equals("news")) {
                e.message(new RealtimeMessage(m.name(), "{\"changed\":" + m.data() + "}"));
            }
            e.next();
        });
    }

    private void bindMailerHooks() {
        app.onMailerSend().bind(e -> {
            if (e.message().to().equals("blocked@example.com")) {
                throw new BadRequest("Mail to that address is blocked.");
            }
            e.next();
            mailerSends.add(e.message());
        });
        app.onMailerRecordVerificationSend("users").bind(e -> {
            recordMails.add(e);
            e.message(withSubject(e, "Hooked: " + e.message().subject()));
            e.next();
        });
        app.onMailerRecordVerificationSend("no_such_collection").bind(e -> {
            otherCollectionMails.add(e);
            e.next();
        });
        app.onMailerRecordPasswordResetSend("users").bind(recordMails::add); // no next(): nothing is sent
        app.onMailerRecordOTPSend("users").bind(e -> {
            recordMails.add(e);
            MailMessage m = e.message();
            e.message(new MailMessage(m.fromName(), m.fromAddress(), "otp-copy@example.com", m.subject(), m.html()));
            e.next();
        });
        app.onMailerRecordEmailChangeSend("users").bind(e -> {
            recordMails.add(e);
            if (e.meta().get("newEmail").equals("refused@example.com")) {
                throw new BadRequest("That address cannot be used.");
            }
            e.next();
        });
        app.onMailerRecordAuthAlertSend("users").bind(e -> {
            recordMails.add(e);
            e.message(withSubject(e, "Hooked alert"));
            e.next();
        });
    }

    private static MailMessage withSubject(MailerEvent e, String subject) {
        MailMessage m = e.message();
        return new MailMessage(m.fromName(), m.fromAddress(), m.to(), subject, m.html());
    }

    // ---- bootstrap ---------------------------------------------------------------------------------

    @Test
    @Order(1)
    void onBootstrapWrapsOpeningTheDataDirectory() {
        assertEquals(List.of("before:false:pb_data", "after:true"), bootstrapSteps);
    }

    @Test
    @Order(2)
    void aBootstrapVetoFailsTheStartAndATerminateHandlerSeesTheDataOpen() throws Exception {
        Locket refused = Locket.create();
        refused.onBootstrap().bind(e -> {
            throw new Forbidden("Not today.");
        });
        assertEquals(1, refused.start("migrate", "up", "--dir", tmp.resolve("other").toString()));
        assertThrows(IllegalStateException.class, () -> refused.findRecordsByFilter("_superusers", "", "", 1, 0));

        Locket embedded = Locket.create();
        List<String> seen = new CopyOnWriteArrayList<>();
        embedded.onTerminate().bind(e -> {
            seen.add("restart=" + e.isRestart() + " superusers="
                    + embedded.findRecordsByFilter("_superusers", "", "", 10, 0).size());
            e.next();
            seen.add("closed=" + assertThrows(IllegalStateException.class,
                    () -> embedded.findRecordsByFilter("_superusers", "", "", 1, 0)).getClass().getSimpleName());
        });
        embedded.bootstrap(tmp.resolve("embedded"));
        embedded.stop();
        embedded.stop(); // once only
        assertEquals(List.of("restart=false superusers=0", "closed=IllegalStateException"), seen);
    }

    // ---- realtime ----------------------------------------------------------------------------------

    @Test
    @Order(10)
    void sseConnectSubscribeAndMessageHooks() throws Exception {
        String clientId;
        try (SseStream sse = new SseStream(http, base)) {
            clientId = sse.clientId;
            RealtimeConnectRequestEvent connect = connects.stream()
                    .filter(c -> c.client().id().value().equals(sse.clientId)).findFirst().orElseThrow();
            assertEquals("GET", connect.request().method());
            assertEquals(java.time.Duration.ofMinutes(5), connect.idleTimeout());
            assertEquals(java.time.Duration.ofMinutes(30), connect.maxTimeout());
            assertTrue(messagesSeen.contains(sse.clientId + " PB_CONNECT"), "PB_CONNECT goes through the hook");

            // veto: the handler's error is the answer, the subscriptions stay as they were
            Reply refused = subscribe(sse.clientId, root, "forbidden", "posts");
            assertEquals(400, refused.status());
            assertEquals("That topic is not allowed.", refused.body().get("message").asText());
            assertEquals(0, app.publish("news", Map.of("n", 0)));

            // answer: the hook's own response instead of the 204, the subscriptions left as they were
            Reply answered = subscribe(sse.clientId, root, "answered", "news");
            assertEquals(200, answered.status());
            assertEquals("[\"answered\",\"news\"]", answered.body().get("asked").toString());
            assertEquals(0, app.publish("news", Map.of("n", 1)));

            // change: "alias" becomes "news"; the payload shows the client, its auth and the topics
            assertEquals(204, subscribe(sse.clientId, root, "alias").status());
            RealtimeSubscribeRequestEvent sub = subscribes.getLast();
            assertEquals(sse.clientId, sub.client().id().value());
            assertEquals("_superusers", sub.request().auth().orElseThrow().collection().name());
            assertEquals(List.of("news"), sub.subscriptions());
            assertEquals(List.of("news"), sub.client().subscriptions());

            // message: a dropped one never arrives, a changed one arrives changed
            assertEquals(1, app.publish("news", Map.of("secret", 1)));
            assertEquals(1, app.publish("news", Map.of("n", 2)));
            SseStream.Message m = sse.next(10);
            assertEquals("news", m.event());
            assertEquals("{\"changed\":{\"n\":2}}", m.data());
        }
        assertEquals(clientId, awaitDisconnect(clientId), "code after next() runs once the client has gone");

        // connect veto: a PocketBase error instead of a stream
        HttpResponse<String> vetoed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/realtime"))
                .header("X-Veto", "1").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, vetoed.statusCode());
        JsonNode error = JSON.readTree(vetoed.body());
        assertEquals(403, error.get("status").asInt());
        assertEquals("No realtime for you.", error.get("message").asText());

        // connect answer: the hook's JSON instead of a stream
        HttpResponse<String> answered = http.send(HttpRequest.newBuilder(URI.create(base + "/api/realtime"))
                .header("X-Answer", "1").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answered.statusCode());
        assertEquals("answered", JSON.readTree(answered.body()).get("realtime").asText());
    }

    @Test
    @Order(11)
    void webSocketConnectSubscribeAndMessageHooks() throws Exception {
        String clientId;
        try (WsStream ws = new WsStream(http, base, Map.of())) {
            JsonNode hello = ws.next();
            assertEquals("connect", hello.get("type").asText());
            clientId = hello.get("clientId").asText();
            assertTrue(connects.stream().anyMatch(c -> c.client().id().value().equals(hello.get("clientId").asText())));

            JsonNode refused = ws.send("{\"type\":\"subscribe\",\"id\":1,\"topics\":[\"forbidden\"]}");
            assertEquals("error", refused.get("type").asText());
            assertEquals(400, refused.get("status").asInt());
            assertEquals("That topic is not allowed.", refused.get("message").asText());

            JsonNode ok = ws.send("{\"type\":\"subscribe\",\"id\":2,\"topics\":[\"alias\"]}");
            assertEquals("subscribed", ok.get("type").asText());
            assertEquals("[\"news\"]", ok.get("topics").toString(), "the topics as the hook left them");

            assertEquals(1, app.publish("news", Map.of("secret", 1)));
            assertEquals(1, app.publish("news", Map.of("n", 3)));
            JsonNode event = ws.next();
            assertEquals("news", event.get("topic").asText());
            assertEquals("{\"changed\":{\"n\":3}}", event.get("data").toString());
        }
        assertEquals(clientId, awaitDisconnect(clientId));

        try (WsStream vetoed = new WsStream(http, base, Map.of("X-Veto", "1"))) {
            JsonNode error = vetoed.next();
            assertEquals("error", error.get("type").asText());
            assertEquals(403, error.get("status").asInt());
            assertEquals("No realtime for you.", error.get("message").asText());

        // connect answer: the hook's JSON instead of a stream
        HttpResponse<String> answered = http.send(HttpRequest.newBuilder(URI.create(base + "/api/realtime"))
                .header("X-Answer", "1").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answered.statusCode());
        assertEquals("answered", JSON.readTree(answered.body()).get("realtime").asText());
            assertNotNull(vetoed.closed.get(10, TimeUnit.SECONDS));
        }
    }

    private String awaitDisconnect(String clientId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            // a server notices a gone SSE client when it writes to it: keep a message coming
            app.publish("news", Map.of("n", 0));
            String gone = disconnected.poll(100, TimeUnit.MILLISECONDS);
            if (clientId.equals(gone)) {
                return gone;
            }
        }
        return null;
    }

    // ---- mailer ------------------------------------------------------------------------------------

    @Test
    @Order(20)
    void mailerHooksChangeStopAndVetoTheAuthMails() throws Exception {
        String aliceId = call("POST", "/api/collections/users/records", null, "{\"email\":\"alice@example.com\","
                + "\"password\":\"alice-pass-1\",\"passwordConfirm\":\"alice-pass-1\"}").body().get("id").asText();

        // verification: the subject changed by the kind hook is what arrives; onMailerSend saw it too
        assertEquals(204, call("POST", "/api/collections/users/request-verification", null,
                "{\"email\":\"alice@example.com\"}").status());
        MimeMessage verify = awaitMail("alice@example.com", "Hooked: Verify your Locket IT email");
        assertNotNull(verify);
        MailerRecordEvent verification = recordMails.getLast();
        assertEquals(aliceId, verification.record().id());
        assertEquals("users", verification.collection().name());
        assertTrue(((String) verification.meta().get("token")).length() > 20, verification.meta().toString());
        assertTrue(mailerSends.stream().anyMatch(m -> m.subject().equals("Hooked: Verify your Locket IT email")));
        assertTrue(otherCollectionMails.isEmpty(), "a hook tagged with another collection does not fire");

        // password reset: the handler does not call next(), so nothing is sent (the API still answers 204)
        int before = mail.getReceivedMessages().length;
        assertEquals(204, call("POST", "/api/collections/users/request-password-reset", null,
                "{\"email\":\"alice@example.com\"}").status());
        MailerRecordEvent reset = recordMails.getLast();
        assertEquals(List.of("token"), List.copyOf(reset.meta().keySet()));
        assertEquals("Reset your Locket IT password", reset.message().subject());
        assertEquals(before, mail.getReceivedMessages().length, "a stopped mail is not sent");

        // OTP: the recipient changed by the hook receives the code
        call("PATCH", "/api/collections/users", root, "{\"otp\":{\"enabled\":true,\"duration\":180,\"length\":6,"
                + "\"emailTemplate\":{\"subject\":\"OTP for {APP_NAME}\",\"body\":\"<p>{OTP}</p>\"}}}");
        String otpId = call("POST", "/api/collections/users/request-otp", null, "{\"email\":\"alice@example.com\"}")
                .body().get("otpId").asText();
        awaitMail("otp-copy@example.com", "OTP for Locket IT");
        MailerRecordEvent otp = recordMails.getLast();
        assertEquals(otpId, otp.meta().get("otpId"));
        assertEquals(6, ((String) otp.meta().get("password")).length());

        // email change: a handler's API error is the answer, and no mail goes out
        String alice = call("POST", "/api/collections/users/auth-with-password", null,
                "{\"identity\":\"alice@example.com\",\"password\":\"alice-pass-1\"}").body().get("token").asText();
        before = mail.getReceivedMessages().length;
        Reply change = call("POST", "/api/collections/users/request-email-change", alice,
                "{\"newEmail\":\"refused@example.com\"}");
        assertEquals(400, change.status());
        assertEquals("That address cannot be used.", change.body().get("message").asText());
        assertEquals("refused@example.com", recordMails.getLast().meta().get("newEmail"));
        assertEquals(before, mail.getReceivedMessages().length);

        // auth alert: a login from a new device mails the changed alert
        HttpResponse<String> second = http.send(HttpRequest.newBuilder(
                URI.create(base + "/api/collections/users/auth-with-password"))
                .header("Content-Type", "application/json").header("User-Agent", "another-device")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"identity\":\"alice@example.com\",\"password\":\"alice-pass-1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, second.statusCode(), second.body());
        awaitMail("alice@example.com", "Hooked alert");
        MailerRecordEvent alert = recordMails.getLast();
        assertTrue(((String) alert.meta().get("info")).contains("another-device"), alert.meta().toString());

        // onMailerSend vetoes every mail, here the settings' test email
        Reply blocked = call("POST", "/api/settings/test/email", root,
                "{\"email\":\"blocked@example.com\",\"template\":\"verification\"}");
        assertEquals(400, blocked.status());
        assertEquals("Mail to that address is blocked.", blocked.body().get("message").asText());
        assertFalse(List.of(mail.getReceivedMessages()).stream().anyMatch(m -> to(m).equals("blocked@example.com")));
    }

    private MimeMessage awaitMail(String to, String subject) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (to(m).equals(to) && subject.equals(m.getSubject())) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail '" + subject + "' to " + to);
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- backups (last: a restore restarts the app) ------------------------------------------------

    @Test
    @Order(30)
    void backupCreateAndRestoreHooks() throws Exception {
        assertEquals(204, call("POST", "/api/backups", root, "{\"name\":\"rename-me.zip\"}").status());
        BackupEvent created = backupCreates.getLast();
        assertEquals("renamed.zip", created.name());
        assertTrue(created.exclude().containsAll(List.of("backups", ".pb_temp_to_delete")), created.exclude()
                .toString());
        JsonNode list = call("GET", "/api/backups", root, null).body();
        assertTrue(list.toString().contains("\"renamed.zip\""), list.toString());
        assertFalse(list.toString().contains("rename-me.zip"), list.toString());

        Reply vetoed = call("POST", "/api/backups", root, "{\"name\":\"vetoed.zip\"}");
        assertEquals(400, vetoed.status());
        assertEquals("No backups under that name.", vetoed.body().get("message").asText());
        assertFalse(call("GET", "/api/backups", root, null).body().toString().contains("vetoed.zip"));

        // a record made after the backup: gone only if the restore really happens
        call("POST", "/api/collections", root, "{\"name\":\"later\",\"type\":\"base\",\"fields\":[]}");

        assertEquals(204, call("POST", "/api/backups/renamed.zip/restore", root, null).status());
        BackupEvent restore = backupRestores.poll(15, TimeUnit.SECONDS);
        assertNotNull(restore, "onBackupRestore fires after the answer");
        assertEquals("renamed.zip", restore.name());
        assertTrue(restore.exclude().contains("backups"), restore.exclude().toString());
        Thread.sleep(500);
        assertEquals(200, call("GET", "/api/collections/later", root, null).status(), "the vetoed restore did nothing");
        assertTrue(terminations.isEmpty());

        vetoRestore = false;
        bootstrapSteps.clear();
        assertEquals(204, call("POST", "/api/backups/renamed.zip/restore", root, null).status());
        assertNotNull(backupRestores.poll(15, TimeUnit.SECONDS));
        assertEquals(Boolean.TRUE, terminations.poll(15, TimeUnit.SECONDS), "the restore restarts: isRestart");
        long deadline = System.currentTimeMillis() + 15_000;
        while (bootstrapSteps.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of("before:false:pb_data", "after:true"), bootstrapSteps, "bootstrapped again");
        Reply gone = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                gone = call("GET", "/api/collections/later", root, null);
                if (gone.status() == 404) {
                    break;
                }
            } catch (IOException restarting) {
                // the server is reopening on the restored data
            }
            Thread.sleep(100);
        }
        assertNotNull(gone);
        assertEquals(404, gone.status(), "the restored data has no collection made after the backup");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    record Reply(int status, JsonNode body) {
    }

    Reply subscribe(String clientId, String auth, String... topics) throws Exception {
        return call("POST", "/api/realtime", auth, JSON.writeValueAsString(
                Map.of("clientId", clientId, "subscriptions", List.of(topics))));
    }

    Reply call(String method, String path, String auth, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(res.statusCode(), res.body().isEmpty() ? null : JSON.readTree(res.body()));
    }
}
