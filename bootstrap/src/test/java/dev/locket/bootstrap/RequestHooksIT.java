package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.locket.Locket;
import dev.locket.application.hook.Hook;
import dev.locket.application.hook.HookEvent;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.application.port.in.record.BatchRecords;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.out.Page;
import dev.locket.bootstrap.ApiCalls.Reply;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.TextField;
import dev.locket.domain.record.Record;
import dev.locket.domain.settings.MetaConfig;
import dev.locket.domain.settings.Settings;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The request hooks of issue 15 item 2b on one embedded server (real HTTP, real SQLite, real SMTP through
 * GreenMail, a real OpenID Connect provider): per hook, a handler bound through the {@link Locket} facade
 * sees upstream's payload, a handler that throws vetoes with the PocketBase error body, and a handler that
 * changes the payload (or answers itself) changes what the client observes. Each test binds its handlers and
 * unbinds them at the end, so the tests share the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestHooksIT {
    private GreenMail mail;
    private TestOidcServer idp;
    private Locket app;
    private ApiCalls api;
    private String base;
    private String root;

    @BeforeAll
    void start() throws Exception {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.setUser("mailer", "s3cret");
        mail.start();
        idp = new TestOidcServer();
        Path dir = Files.createTempDirectory("locket-request-hooks").resolve("pb_data");
        assertEquals(0, Locket.create().start("superuser", "upsert", "root@example.com", "root-password-1",
                "--dir", dir.toString()));
        AuthMailIT.configureSmtp(dir, mail.getSmtp().getPort());
        app = Locket.create();
        CompletableFuture.runAsync(() -> app.start("serve", "--http", "127.0.0.1:0", "--dir", dir.toString()));
        base = "http://127.0.0.1:" + app.awaitPort(30, TimeUnit.SECONDS);
        api = new ApiCalls(base);
        root = token("_superusers", "root@example.com", "root-password-1");
        Map<String, Object> provider = idp.provider("oidc");
        provider.put("userInfoURL", idp.url("/userinfo"));
        Reply users = api.call("PATCH", "/api/collections/users", root, Map.of(
                "oauth2", Map.of("enabled", true, "providers", List.of(provider)),
                "otp", Map.of("enabled", true, "length", 6)));
        assertEquals(200, users.status(), users.raw());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (idp != null) {
            idp.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    // ------------------------------------------------------------------ collections

    @Test
    void onCollectionsListRequestSeesThePageAndMayReplaceIt() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onCollectionsListRequest(), e -> {
            seen.add(e.page().totalItems());
            List<Collection> onlyUsers = e.page().items().stream().filter(c -> c.name().equals("users")).toList();
            e.page(new Page<>(1, 30, onlyUsers.size(), 1, onlyUsers));
            e.next();
        })) {
            Reply list = api.call("GET", "/api/collections?perPage=500", root, null);
            assertEquals(200, list.status(), list.raw());
            assertTrue(seen.get(0) > 1, "the hook saw every collection: " + seen);
            assertEquals(1, ((Number) list.body().get("totalItems")).intValue());
            assertEquals("users", ((Map<?, ?>) ((List<?>) list.body().get("items")).get(0)).get("name"));
        }
        assertVetoed(app.onCollectionsListRequest(), () -> api.call("GET", "/api/collections", root, null));
    }

    @Test
    void onCollectionViewRequestSeesTheCollectionAndMayAnswerItself() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onCollectionViewRequest(), e -> {
            seen.add(e.collection().name() + "/" + e.request().isSuperuser());
            e.json(200, Map.of("hooked", e.collection().name()));
        })) {
            Reply view = api.call("GET", "/api/collections/users", root, null);
            assertEquals(200, view.status(), view.raw());
            assertEquals(Map.of("hooked", "users"), view.body());
            assertEquals(List.of("users/true"), seen);
        }
        assertVetoed(app.onCollectionViewRequest(), () -> api.call("GET", "/api/collections/users", root, null));
    }

    @Test
    void onCollectionCreateRequestMayChangeTheCollectionBeforeItIsSaved() throws Exception {
        String name = "hooked_" + suffix();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onCollectionCreateRequest(), e -> {
            seen.add(e.collection().name());
            List<dev.locket.domain.field.Field> fields = new ArrayList<>(e.collection().fields());
            fields.add(new TextField(FieldMeta.named("addedByHook"), false, 0, 0, "", "", false));
            e.collection(e.collection().withFields(fields));
            e.next();
            seen.add("saved:" + e.collection().id().isEmpty());
        })) {
            Reply created = api.call("POST", "/api/collections", root, Map.of("name", name, "type", "base"));
            assertEquals(200, created.status(), created.raw());
            assertEquals(List.of(name, "saved:false"), seen);
            assertTrue(created.raw().contains("\"addedByHook\""), created.raw());
        }
        String other = "vetoed_" + suffix();
        assertVetoed(app.onCollectionCreateRequest(),
                () -> api.call("POST", "/api/collections", root, Map.of("name", other, "type", "base")));
        assertEquals(404, api.call("GET", "/api/collections/" + other, root, null).status());
    }

    @Test
    void onCollectionUpdateRequestSeesTheChangedCollectionAndMayChangeItAgain() throws Exception {
        String name = collection("upd");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onCollectionUpdateRequest(), e -> {
            seen.add(e.collection().name());
            e.collection(e.collection().withFields(List.of(e.collection().fields().get(0),
                    new TextField(FieldMeta.named("fromHook"), false, 0, 0, "", "", false))));
            e.next();
        })) {
            Reply updated = api.call("PATCH", "/api/collections/" + name, root, Map.of("name", name + "_x"));
            assertEquals(200, updated.status(), updated.raw());
            assertEquals(List.of(name + "_x"), seen);
            assertTrue(updated.raw().contains("\"fromHook\""), updated.raw());
        }
        assertVetoed(app.onCollectionUpdateRequest(),
                () -> api.call("PATCH", "/api/collections/" + name + "_x", root, Map.of("name", name + "_y")));
        assertEquals(200, api.call("GET", "/api/collections/" + name + "_x", root, null).status());
    }

    @Test
    void onCollectionDeleteRequestMayVetoTheDeletion() throws Exception {
        String name = collection("del");
        assertVetoed(app.onCollectionDeleteRequest(), () -> api.call("DELETE", "/api/collections/" + name, root, null));
        assertEquals(200, api.call("GET", "/api/collections/" + name, root, null).status());
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onCollectionDeleteRequest(), e -> {
            seen.add(e.collection().name());
            e.next();
        })) {
            assertEquals(204, api.call("DELETE", "/api/collections/" + name, root, null).status());
        }
        assertEquals(List.of(name), seen);
        assertEquals(404, api.call("GET", "/api/collections/" + name, root, null).status());
    }

    @Test
    void onCollectionsImportRequestMayChangeTheImportedCollections() throws Exception {
        String submitted = "imp_" + suffix();
        String replaced = "imp_hook_" + suffix();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onCollectionsImportRequest(), e -> {
            seen.add(e.collections().size() + "/" + e.deleteMissing());
            e.collections(List.of(CollectionDraft.base(replaced)));
            e.next();
        })) {
            Reply imported = api.call("PUT", "/api/collections/import", root, Map.of(
                    "collections", List.of(Map.of("name", submitted, "type", "base")), "deleteMissing", false));
            assertEquals(204, imported.status(), imported.raw());
        }
        assertEquals(List.of("1/false"), seen);
        assertEquals(200, api.call("GET", "/api/collections/" + replaced, root, null).status());
        assertEquals(404, api.call("GET", "/api/collections/" + submitted, root, null).status());
        assertVetoed(app.onCollectionsImportRequest(), () -> api.call("PUT", "/api/collections/import", root, Map.of(
                "collections", List.of(Map.of("name", submitted, "type", "base")))));
        assertEquals(404, api.call("GET", "/api/collections/" + submitted, root, null).status());
    }

    // ------------------------------------------------------------------ records (the existing hooks, on the facade)

    @Test
    void theRecordCrudRequestHooksAreOnTheFacadeUnderUpstreamsNames() throws Exception {
        String notes = collection("crud");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound create = bound(app.onRecordCreateRequest(notes), e -> {
            seen.add("create " + e.record().text("title"));
            e.record(e.record().with("title", "set by hook"));
            e.next();
        }); Bound view = bound(app.onRecordViewRequest(notes), e -> {
            e.next();
            e.record(e.record().with("title", "shown by hook"));
        }); Bound list = bound(app.onRecordsListRequest(notes), e -> {
            e.next();
            seen.add("list " + e.page().items().size());
            e.page(new Page<>(1, 30, 0, 0, List.of()));
        }); Bound update = bound(app.onRecordUpdateRequest(notes), e -> {
            seen.add("update " + e.original().text("title") + "->" + e.record().text("title"));
            e.next();
        })) {
            Reply created = api.call("POST", "/api/collections/" + notes + "/records", null, Map.of("title", "sent"));
            assertEquals(200, created.status(), created.raw());
            assertEquals("set by hook", created.text("title"));
            String id = created.text("id");
            assertEquals("shown by hook", api.call("GET", "/api/collections/" + notes + "/records/" + id, null, null)
                    .text("title"));
            assertEquals(List.of(), api.call("GET", "/api/collections/" + notes + "/records", null, null).body()
                    .get("items"));
            assertEquals(200, api.call("PATCH", "/api/collections/" + notes + "/records/" + id, root,
                    Map.of("title", "patched")).status());
            assertEquals(List.of("create sent", "list 1", "update set by hook->patched"), seen);
            assertVetoed(app.onRecordDeleteRequest(notes),
                    () -> api.call("DELETE", "/api/collections/" + notes + "/records/" + id, root, null));
            assertEquals(1, app.findRecordsByFilter(notes, "", "", 10, 0).size());
        }
        String email = user("authreq");
        try (Bound auth = bound(app.onRecordAuthRequest("users"), e -> {
            seen.add("auth " + e.authMethod() + " " + e.record().text("email"));
            e.token("token-from-auth-hook");
            e.next();
        })) {
            assertEquals("token-from-auth-hook", login("users", email, "user-password-1").text("token"));
        }
        assertEquals("auth password " + email, seen.get(seen.size() - 1));
    }

    @Test
    void theRecordRequestHooksMayAnswerTheRequestThemselves() throws Exception {
        String notes = collection("answer");
        String id = api.call("POST", "/api/collections/" + notes + "/records", root, Map.of("title", "stored"))
                .text("id");
        String records = "/api/collections/" + notes + "/records";
        try (Bound create = bound(app.onRecordCreateRequest(notes), e ->
                e.json(202, Map.of("queued", e.record().text("title"))));
             Bound view = bound(app.onRecordViewRequest(notes), e -> {
                 e.next();
                 e.json(200, Map.of("shown", e.record().id()));
             });
             Bound list = bound(app.onRecordsListRequest(notes), e -> e.noContent(204));
             Bound update = bound(app.onRecordUpdateRequest(notes), e -> {
                 e.next();
                 e.json(200, Map.of("updated", e.record().text("title")));
             });
             Bound delete = bound(app.onRecordDeleteRequest(notes), e -> e.json(409, Map.of("kept", e.record().id())))) {
            Reply queued = api.call("POST", records, null, Map.of("title", "later"));
            assertEquals(202, queued.status(), queued.raw());
            assertEquals(Map.of("queued", "later"), queued.body());
            assertEquals(Map.of("shown", id), api.call("GET", records + "/" + id, null, null).body());
            Reply listed = api.call("GET", records, null, null);
            assertEquals(204, listed.status(), listed.raw());
            assertEquals("", listed.raw());
            Reply patched = api.call("PATCH", records + "/" + id, root, Map.of("title", "patched"));
            assertEquals(200, patched.status(), patched.raw());
            assertEquals(Map.of("updated", "patched"), patched.body());
            Reply kept = api.call("DELETE", records + "/" + id, root, null);
            assertEquals(409, kept.status(), kept.raw());
            assertEquals(Map.of("kept", id), kept.body());

            // in a batch, the item's answer is recorded as written and the batch goes on (upstream's recorder)
            assertEquals(200, api.call("PATCH", "/api/settings", root, Map.of("batch", Map.of("enabled", true,
                    "maxRequests", 10))).status());
            Reply batch = api.call("POST", "/api/batch", root, Map.of("requests", List.of(
                    Map.of("method", "POST", "url", records, "body", Map.of("title", "in batch")),
                    Map.of("method", "PATCH", "url", records + "/" + id, "body", Map.of("title", "batched")))));
            assertEquals(200, batch.status(), batch.raw());
            List<?> results = (List<?>) dev.locket.domain.json.Json.parse(batch.raw());
            assertEquals(Map.of("queued", "in batch"), ((Map<?, ?>) results.get(0)).get("body"), batch.raw());
            assertEquals(202, ((Number) ((Map<?, ?>) results.get(0)).get("status")).intValue(), batch.raw());
            assertEquals(Map.of("updated", "batched"), ((Map<?, ?>) results.get(1)).get("body"), batch.raw());
            assertEquals(200, ((Number) ((Map<?, ?>) results.get(1)).get("status")).intValue(), batch.raw());
        }
        List<?> stored = app.findRecordsByFilter(notes, "", "", 10, 0).stream().map(r -> r.text("title")).toList();
        assertEquals(List.of("batched"), stored, "answered creates and deletes never ran; the updates did");

        // a handler that neither calls next() nor answers leaves nothing written: Go's empty 200
        try (Bound view = bound(app.onRecordViewRequest(notes), e -> { })) {
            Reply nothing = api.call("GET", records + "/" + id, null, null);
            assertEquals(200, nothing.status(), nothing.raw());
            assertEquals("", nothing.raw());
        }
    }

    // ------------------------------------------------------------------ auth flows

    @Test
    void onRecordAuthWithPasswordRequestMayFindTheRecordAndChangeThePassword() throws Exception {
        String email = user("pw");
        List<String> seen = new CopyOnWriteArrayList<>();
        Record[] known = new Record[1];
        try (Bound b = bound(app.onRecordAuthWithPasswordRequest("users"), e -> {
            seen.add(e.identity() + "/" + e.identityField() + "/" + e.password() + "/"
                    + e.record().map(r -> r.text("email")).orElse("none"));
            if (e.record().isPresent()) {
                known[0] = e.record().get();
            } else if (known[0] != null) {
                e.record(known[0]); // an alias the collection does not know, resolved by the hook
            }
            e.password("user-password-1"); // e.g. a legacy password checked elsewhere
            e.next();
        })) {
            Reply byEmail = login("users", email, "legacy-password");
            assertEquals(200, byEmail.status(), byEmail.raw());
            assertEquals(email, byEmail.map("record").get("email"));
            Reply byAlias = login("users", "alias-of-" + email, "anything");
            assertEquals(200, byAlias.status(), byAlias.raw());
            assertEquals(email, byAlias.map("record").get("email"));
        }
        assertEquals(List.of(email + "//legacy-password/" + email, "alias-of-" + email + "//anything/none"), seen);
        assertVetoed(app.onRecordAuthWithPasswordRequest("users"), () -> login("users", email, "user-password-1"));
        // another collection's tag does not see users' logins
        try (Bound b = bound(app.onRecordAuthWithPasswordRequest("_superusers"), e -> {
            throw new Forbidden("superusers only");
        })) {
            assertEquals(200, login("users", email, "user-password-1").status());
        }
    }

    @Test
    void onRecordAuthRefreshRequestSeesTheRecordAndMayAnswerItself() throws Exception {
        String email = user("refresh");
        String token = token("users", email, "user-password-1");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onRecordAuthRefreshRequest("users"), e -> {
            seen.add(e.record().orElseThrow().text("email"));
            e.json(200, Map.of("refreshed", false));
        })) {
            Reply refreshed = api.call("POST", "/api/collections/users/auth-refresh", token, null);
            assertEquals(200, refreshed.status(), refreshed.raw());
            assertEquals(Map.of("refreshed", false), refreshed.body());
        }
        assertEquals(List.of(email), seen);
        assertVetoed(app.onRecordAuthRefreshRequest("users"),
                () -> api.call("POST", "/api/collections/users/auth-refresh", token, null));
    }

    @Test
    void onRecordRequestOTPRequestMayChooseTheCodeAndOnRecordAuthWithOTPRequestSeesTheOtp() throws Exception {
        String email = user("otp");
        List<String> seen = new CopyOnWriteArrayList<>();
        String otpId;
        try (Bound b = bound(app.onRecordRequestOTPRequest("users"), e -> {
            seen.add(e.email() + "/" + e.record().map(r -> r.text("email")).orElse("none") + "/"
                    + e.password().length());
            e.password("424242");
            e.next();
        })) {
            Reply requested = api.call("POST", "/api/collections/users/request-otp", null, Map.of("email", email));
            assertEquals(200, requested.status(), requested.raw());
            otpId = requested.text("otpId");
        }
        assertEquals(List.of(email + "/" + email + "/6"), seen);
        assertTrue(GreenMailUtil.getBody(awaitMail(email, "424242")).contains("424242"));

        Map<String, Object> body = Map.of("otpId", otpId, "password", "424242");
        assertVetoed(app.onRecordAuthWithOTPRequest("users"),
                () -> api.call("POST", "/api/collections/users/auth-with-otp", null, body));
        List<String> used = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onRecordAuthWithOTPRequest("users"), e -> {
            used.add(e.otp().id() + "/" + e.record().orElseThrow().text("email"));
            e.next();
        })) {
            // the veto kept the OTP: it still signs in, with the code the hook chose
            Reply signedIn = api.call("POST", "/api/collections/users/auth-with-otp", null, body);
            assertEquals(200, signedIn.status(), signedIn.raw());
            assertEquals(email, signedIn.map("record").get("email"));
        }
        assertEquals(List.of(otpId + "/" + email), used);
        assertVetoed(app.onRecordRequestOTPRequest("users"),
                () -> api.call("POST", "/api/collections/users/request-otp", null, Map.of("email", email)));
    }

    @Test
    void onRecordRequestPasswordResetRequestMayChangeWhoGetsTheMail() throws Exception {
        String asked = user("reset-asked");
        String other = user("reset-other");
        Record otherRecord = app.findRecordsByFilter("users", "email = '" + other + "'", "", 1, 0).get(0);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onRecordRequestPasswordResetRequest("users"), e -> {
            seen.add(e.record().orElseThrow().text("email"));
            e.record(otherRecord);
            e.next();
        })) {
            assertEquals(204, api.call("POST", "/api/collections/users/request-password-reset", null,
                    Map.of("email", asked)).status());
        }
        assertEquals(List.of(asked), seen);
        assertNotNull(awaitMail(other, "confirm-password-reset"));
        String asked2 = user("reset-vetoed");
        assertVetoed(app.onRecordRequestPasswordResetRequest("users"), () -> api.call("POST",
                "/api/collections/users/request-password-reset", null, Map.of("email", asked2)));
    }

    @Test
    void onRecordConfirmPasswordResetRequestMayVetoTheNewPassword() throws Exception {
        String email = user("confirm-reset");
        assertEquals(204, api.call("POST", "/api/collections/users/request-password-reset", null,
                Map.of("email", email)).status());
        String resetToken = link(awaitMail(email, "confirm-password-reset"), "confirm-password-reset");
        Map<String, Object> body = Map.of("token", resetToken, "password", "new-password-1",
                "passwordConfirm", "new-password-1");
        assertVetoed(app.onRecordConfirmPasswordResetRequest("users"),
                () -> api.call("POST", "/api/collections/users/confirm-password-reset", null, body));
        assertEquals(200, login("users", email, "user-password-1").status(), "the veto kept the old password");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onRecordConfirmPasswordResetRequest("users"), e -> {
            seen.add(e.record().orElseThrow().text("email"));
            e.next();
        })) {
            assertEquals(204, api.call("POST", "/api/collections/users/confirm-password-reset", null, body).status());
        }
        assertEquals(List.of(email), seen);
        assertEquals(200, login("users", email, "new-password-1").status());
    }

    @Test
    void onRecordRequestVerificationRequestMayChangeWhoGetsTheMail() throws Exception {
        String asked = user("verify-asked");
        String other = user("verify-other");
        Record otherRecord = app.findRecordsByFilter("users", "email = '" + other + "'", "", 1, 0).get(0);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onRecordRequestVerificationRequest("users"), e -> {
            seen.add(e.record().orElseThrow().text("email"));
            e.record(otherRecord);
            e.next();
        })) {
            assertEquals(204, api.call("POST", "/api/collections/users/request-verification", null,
                    Map.of("email", asked)).status());
        }
        assertEquals(List.of(asked), seen);
        assertNotNull(awaitMail(other, "confirm-verification"));
        String vetoed = user("verify-vetoed");
        assertVetoed(app.onRecordRequestVerificationRequest("users"), () -> api.call("POST",
                "/api/collections/users/request-verification", null, Map.of("email", vetoed)));
    }

    @Test
    void onRecordConfirmVerificationRequestMayVetoTheVerification() throws Exception {
        String email = user("confirm-verify");
        assertEquals(204, api.call("POST", "/api/collections/users/request-verification", null,
                Map.of("email", email)).status());
        Map<String, Object> body = Map.of("token", link(awaitMail(email, "confirm-verification"),
                "confirm-verification"));
        assertVetoed(app.onRecordConfirmVerificationRequest("users"),
                () -> api.call("POST", "/api/collections/users/confirm-verification", null, body));
        assertEquals(false, find(email).get("verified"));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onRecordConfirmVerificationRequest("users"), e -> {
            seen.add(e.record().orElseThrow().text("email"));
            e.next();
        })) {
            assertEquals(204, api.call("POST", "/api/collections/users/confirm-verification", null, body).status());
        }
        assertEquals(List.of(email), seen);
        assertEquals(true, find(email).get("verified"));
    }

    @Test
    void onRecordRequestEmailChangeRequestMayChangeTheNewEmail() throws Exception {
        String email = user("change-req");
        String token = token("users", email, "user-password-1");
        String wanted = "wanted-" + email;
        String chosen = "chosen-" + email;
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onRecordRequestEmailChangeRequest("users"), e -> {
            seen.add(e.record().orElseThrow().text("email") + "->" + e.newEmail());
            e.newEmail(chosen);
            e.next();
        })) {
            assertEquals(204, api.call("POST", "/api/collections/users/request-email-change", token,
                    Map.of("newEmail", wanted)).status());
        }
        assertEquals(List.of(email + "->" + wanted), seen);
        assertNotNull(awaitMail(chosen, "confirm-email-change"));
        assertVetoed(app.onRecordRequestEmailChangeRequest("users"), () -> api.call("POST",
                "/api/collections/users/request-email-change", token, Map.of("newEmail", wanted)));
    }

    @Test
    void onRecordConfirmEmailChangeRequestMayChangeTheEmailSaved() throws Exception {
        String email = user("change-confirm");
        String token = token("users", email, "user-password-1");
        String wanted = "wanted-" + email;
        assertEquals(204, api.call("POST", "/api/collections/users/request-email-change", token,
                Map.of("newEmail", wanted)).status());
        Map<String, Object> body = Map.of("token", link(awaitMail(wanted, "confirm-email-change"),
                "confirm-email-change"), "password", "user-password-1");
        assertVetoed(app.onRecordConfirmEmailChangeRequest("users"),
                () -> api.call("POST", "/api/collections/users/confirm-email-change", null, body));
        String lower = "lowered-" + email;
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onRecordConfirmEmailChangeRequest("users"), e -> {
            seen.add(e.record().orElseThrow().text("email") + "->" + e.newEmail());
            e.newEmail(lower);
            e.next();
        })) {
            assertEquals(204, api.call("POST", "/api/collections/users/confirm-email-change", null, body).status());
        }
        assertEquals(List.of(email + "->" + wanted), seen);
        assertEquals(200, login("users", lower, "user-password-1").status());
    }

    @Test
    void onRecordAuthWithOAuth2RequestSeesTheProviderUserAndMayChangeTheCreateData() throws Exception {
        String sub = "sub-" + suffix();
        String email = "oauth-" + sub + "@example.com";
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onRecordAuthWithOAuth2Request("users"), e -> {
            seen.add(e.providerName() + "/" + e.oauth2User().id() + "/" + e.oauth2User().email() + "/"
                    + e.isNewRecord() + "/" + e.record().isPresent());
            e.createData().put("name", "Named by hook");
            e.next();
        })) {
            Reply r = oauth2Login(sub, email);
            assertEquals(200, r.status(), r.raw());
            assertEquals("Named by hook", r.map("record").get("name"));
            assertEquals(true, r.map("meta").get("isNew"));
        }
        assertEquals(List.of("oidc/" + sub + "/" + email + "/true/false"), seen);
        String sub2 = "sub-" + suffix();
        assertVetoed(app.onRecordAuthWithOAuth2Request("users"), () -> oauth2Login(sub2, "oauth-" + sub2 + "@example.com"));
        assertEquals(0, app.findRecordsByFilter("users", "email = 'oauth-" + sub2 + "@example.com'", "", 1, 0).size());
    }

    // ------------------------------------------------------------------ what the auth flows write by themselves

    @Test
    void requestOtpAndAuthWithOtpSaveTheOtpThroughTheRecordHooksOfOtps() throws Exception {
        String email = user("otprow");
        String userId = (String) find(email).get("id");
        List<String> seen = new CopyOnWriteArrayList<>();
        String otpId;
        try (Bound created = bound(app.onRecordCreate("_otps"), e -> {
            seen.add("create " + e.record().id() + " for " + e.record().text("recordRef"));
            e.next();
        }); Bound updated = bound(app.onRecordUpdate("_otps"), e -> {
            seen.add("update sentTo " + e.record().text("sentTo"));
            e.next();
        }); Bound deleted = bound(app.onRecordDelete("_otps"), e -> {
            seen.add("delete " + e.record().id());
            e.next();
        }); Bound code = bound(app.onRecordRequestOTPRequest("users"), e -> {
            e.password("135791");
            e.next();
        })) {
            Reply requested = api.call("POST", "/api/collections/users/request-otp", null, Map.of("email", email));
            assertEquals(200, requested.status(), requested.raw());
            otpId = requested.text("otpId");
            Reply signedIn = api.call("POST", "/api/collections/users/auth-with-otp", null,
                    Map.of("otpId", otpId, "password", "135791"));
            assertEquals(200, signedIn.status(), signedIn.raw());
        }
        // as upstream's app.Save/app.Delete of the OTP: created, marked with where it was sent, used up
        assertEquals(List.of("create " + otpId + " for " + userId, "update sentTo " + email, "delete " + otpId), seen);
    }

    @Test
    void theMfaSessionAndTheLoginOriginAreSavedThroughTheRecordHooks() throws Exception {
        String name = "mfa_" + suffix();
        Reply made = api.call("POST", "/api/collections", root, Map.of("name", name, "type", "auth",
                "createRule", "", "mfa", Map.of("enabled", true, "duration", 1800),
                "otp", Map.of("enabled", true, "duration", 180, "length", 6), "authAlert", Map.of("enabled", true)));
        assertEquals(200, made.status(), made.raw());
        String email = "mfa-" + suffix() + "@example.com";
        Reply user = api.call("POST", "/api/collections/" + name + "/records", null, Map.of("email", email,
                "password", "user-password-1", "passwordConfirm", "user-password-1"));
        assertEquals(200, user.status(), user.raw());
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound mfaCreated = bound(app.onRecordCreate("_mfas"), e -> {
            seen.add("mfa " + e.record().text("method") + " for " + e.record().text("recordRef"));
            e.next();
        }); Bound mfaDeleted = bound(app.onRecordDelete("_mfas"), e -> {
            seen.add("mfa used " + e.record().id());
            e.next();
        }); Bound origin = bound(app.onRecordCreate("_authOrigins"), e -> {
            seen.add("origin for " + e.record().text("recordRef"));
            e.next();
        }); Bound code = bound(app.onRecordRequestOTPRequest(name), e -> {
            e.password("246802");
            e.next();
        })) {
            Reply first = login(name, email, "user-password-1");
            assertEquals(401, first.status(), first.raw());
            String mfaId = first.text("mfaId");
            Reply requested = api.call("POST", "/api/collections/" + name + "/request-otp", null,
                    Map.of("email", email));
            assertEquals(200, requested.status(), requested.raw());
            Reply second = api.call("POST", "/api/collections/" + name + "/auth-with-otp", null,
                    Map.of("otpId", requested.text("otpId"), "password", "246802", "mfaId", mfaId));
            assertEquals(200, second.status(), second.raw());
            String id = (String) user.body().get("id");
            assertEquals(List.of("mfa password for " + id, "mfa used " + mfaId, "origin for " + id), seen);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOAuth2SignUpFiresTheRecordHooksAndTheHooksSeeTheProviderClientAndTheMeta() throws Exception {
        String sub = "sub-" + suffix();
        String email = "signup-" + sub + "@example.com";
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound client = bound(app.onRecordAuthWithOAuth2Request("users"), e -> {
            seen.add("provider " + e.providerClient().name() + " " + e.providerClient().clientId() + " "
                    + e.providerClient().userInfoURL().equals(idp.url("/userinfo")));
            // upstream's ProviderClient can call the provider with the user's token
            seen.add("raw user has sub " + e.providerClient().fetchRawUserInfo(e.oauth2User().accessToken())
                    .contains(sub));
            e.next();
        }); Bound users = bound(app.onRecordCreate("users"), e -> {
            seen.add("user " + e.record().text("email"));
            e.next();
        }); Bound links = bound(app.onRecordCreate("_externalAuths"), e -> {
            seen.add("link " + e.record().text("provider") + " " + e.record().text("providerId"));
            e.next();
        }); Bound meta = bound(app.onRecordAuthRequest("users"), e -> {
            Map<String, Object> m = (Map<String, Object>) e.meta().orElseThrow();
            seen.add("meta isNew " + m.get("isNew"));
            m.put("plan", "gold");
            e.next();
        })) {
            Reply r = oauth2Login(sub, email);
            assertEquals(200, r.status(), r.raw());
            assertEquals("gold", r.map("meta").get("plan"));
            assertEquals(true, r.map("meta").get("isNew"));
            assertEquals(sub, r.map("meta").get("id"));
        }
        assertEquals(List.of("provider oidc " + TestOidcServer.CLIENT_ID + " true", "raw user has sub true",
                "user " + email, "link oidc " + sub, "meta isNew true"), seen);
    }

    @Test
    void aMetaSetByAnAuthHookIsSentWithTheAuthResponse() throws Exception {
        String email = user("meta");
        assertFalse(login("users", email, "user-password-1").body().containsKey("meta"),
                "no meta unless a flow or a hook gives one");
        try (Bound b = bound(app.onRecordAuthRequest("users"), e -> {
            e.meta(Map.of("welcome", e.authMethod()));
            e.next();
        })) {
            Reply r = login("users", email, "user-password-1");
            assertEquals(200, r.status(), r.raw());
            assertEquals(Map.of("welcome", "password"), r.body().get("meta"));
            assertEquals(email, r.map("record").get("email"));
        }
    }

    @Test
    void onRecordAuthRequestMayAnswerInsteadOfTheAuthResponse() throws Exception {
        // an MFA collection: upstream's e.Written() check skips the MFA step when the hook answered first
        String name = "answered_" + suffix();
        Reply made = api.call("POST", "/api/collections", root, Map.of("name", name, "type", "auth",
                "createRule", "", "mfa", Map.of("enabled", true, "duration", 1800)));
        assertEquals(200, made.status(), made.raw());
        String email = "answered-" + suffix() + "@example.com";
        Reply user = api.call("POST", "/api/collections/" + name + "/records", null, Map.of("email", email,
                "password", "user-password-1", "passwordConfirm", "user-password-1"));
        assertEquals(200, user.status(), user.raw());
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound flow = bound(app.onRecordAuthWithPasswordRequest(name), e -> {
            e.next();
            seen.add("password flow went on"); // the outer chain continues after the nested answer
        }); Bound mfa = bound(app.onRecordCreate("_mfas"), e -> {
            seen.add("mfa");
            e.next();
        }); Bound answer = bound(app.onRecordAuthRequest(name), e -> {
            e.json(202, Map.of("method", e.authMethod(), "id", e.record().id()));
            e.next(); // the default action sees the answer and does nothing
        })) {
            Reply r = login(name, email, "user-password-1");
            assertEquals(202, r.status(), r.raw());
            assertEquals(Map.of("method", "password", "id", user.body().get("id")), r.body());
            assertEquals(List.of("password flow went on"), seen);
        }
        String token = token("users", user("answered"), "user-password-1");
        try (Bound b = bound(app.onRecordAuthRequest("users"), e -> e.noContent(204))) {
            Reply refreshed = api.call("POST", "/api/collections/users/auth-refresh", token, null);
            assertEquals(204, refreshed.status(), refreshed.raw());
            assertEquals("", refreshed.raw());
        }
    }

    // ------------------------------------------------------------------ settings

    @Test
    void onSettingsListRequestMayChangeTheSettingsShown() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onSettingsListRequest(), e -> {
            seen.add(e.settings().meta().appName());
            e.settings(e.settings().withMeta(withAppName(e.settings(), "Shown by hook")));
            e.next();
        })) {
            Reply list = api.call("GET", "/api/settings", root, null);
            assertEquals(200, list.status(), list.raw());
            assertEquals("Shown by hook", list.map("meta").get("appName"));
        }
        assertEquals(List.of("Locket IT"), seen);
        assertVetoed(app.onSettingsListRequest(), () -> api.call("GET", "/api/settings", root, null));
    }

    @Test
    void onSettingsUpdateRequestAndOnSettingsReloadSeeOldAndNewSettings() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound update = bound(app.onSettingsUpdateRequest(), e -> {
            seen.add("update " + e.oldSettings().meta().appName() + "->" + e.newSettings().meta().appName());
            e.newSettings(e.newSettings().withMeta(withAppName(e.newSettings(), e.newSettings().meta().appName()
                    + " (hooked)")));
            e.next();
        }); Bound reload = bound(app.onSettingsReload(), e -> {
            seen.add("reload " + e.previous().map(s -> s.meta().appName()).orElse("") + "->"
                    + e.settings().meta().appName());
            e.next();
        })) {
            Reply saved = api.call("PATCH", "/api/settings", root, Map.of("meta", Map.of("appName", "Renamed")));
            assertEquals(200, saved.status(), saved.raw());
            assertEquals("Renamed (hooked)", saved.map("meta").get("appName"));
        }
        assertEquals(List.of("update Locket IT->Renamed", "reload Locket IT->Renamed (hooked)"), seen);
        assertEquals("Renamed (hooked)", api.call("GET", "/api/settings", root, null).map("meta").get("appName"));
        assertVetoed(app.onSettingsUpdateRequest(), () -> api.call("PATCH", "/api/settings", root,
                Map.of("meta", Map.of("appName", "Vetoed"))));
        // a reload handler that throws keeps the settings in force and fails the save with upstream's answer to
        // any failed settings save (apis/settings.go)
        try (Bound b = bound(app.onSettingsReload(), e -> {
            throw new BadRequest("Vetoed by the hook.");
        })) {
            Reply refused = api.call("PATCH", "/api/settings", root, Map.of("meta", Map.of("appName", "Vetoed too")));
            assertEquals(400, refused.status(), refused.raw());
            assertEquals("An error occurred while saving the new settings.", refused.body().get("message"));
        }
        assertEquals("Renamed (hooked)", api.call("GET", "/api/settings", root, null).map("meta").get("appName"));
        assertEquals(200, api.call("PATCH", "/api/settings", root, Map.of("meta", Map.of("appName", "Locket IT")))
                .status());
    }

    // ------------------------------------------------------------------ files

    @Test
    void onFileDownloadRequestMayChangeTheServedNameAndOnFileTokenRequestTheToken() throws Exception {
        String docs = "docs_" + suffix();
        Reply created = api.call("POST", "/api/collections", root, Map.of("name", docs, "type", "base",
                "viewRule", "", "fields", List.of(Map.of("name", "doc", "type", "file", "maxSelect", 1,
                        "maxSize", 1_000_000))));
        assertEquals(200, created.status(), created.raw());
        byte[] bytes = "hello hooks".getBytes(StandardCharsets.UTF_8);
        Record rec = app.createRecord(docs, RecordBody.builder().file(new UploadedFile("doc", "hello.txt",
                bytes.length, offset -> new ByteArrayInputStream(bytes, (int) offset, bytes.length))).build());
        String stored = rec.text("doc");
        String url = base + "/api/files/" + docs + "/" + rec.id() + "/" + stored;
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onFileDownloadRequest(docs), e -> {
            seen.add(e.record().id() + "/" + e.fileField().name() + "/" + e.servedName() + "/"
                    + e.servedPath().endsWith(stored));
            e.servedName("renamed-by-hook.txt");
            e.next();
        })) {
            HttpResponse<String> res = api.http().send(HttpRequest.newBuilder(URI.create(url + "?download=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), res.body());
            assertEquals("hello hooks", res.body());
            assertTrue(res.headers().firstValue("Content-Disposition").orElse("").contains("renamed-by-hook.txt"),
                    res.headers().map().toString());
        }
        assertEquals(List.of(rec.id() + "/doc/" + stored + "/true"), seen);
        assertVetoed(app.onFileDownloadRequest(docs), () -> {
            HttpResponse<String> res = api.http().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(res.statusCode(), res.body(), asMap(res.body()));
        });

        String email = user("filetoken");
        String token = token("users", email, "user-password-1");
        List<String> tokens = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onFileTokenRequest("users"), e -> {
            tokens.add(e.record().text("email") + "/" + !e.token().isEmpty());
            e.token("token-from-hook");
            e.next();
        })) {
            Reply answered = api.call("POST", "/api/files/token", token, null);
            assertEquals(200, answered.status(), answered.raw());
            assertEquals("token-from-hook", answered.text("token"));
        }
        assertEquals(List.of(email + "/true"), tokens);
        assertVetoed(app.onFileTokenRequest("users"), () -> api.call("POST", "/api/files/token", token, null));
    }

    // ------------------------------------------------------------------ batch

    @Test
    void onBatchRequestSeesTheSubRequestsAndMayChangeThem() throws Exception {
        String notes = collection("batch");
        assertEquals(200, api.call("PATCH", "/api/settings", root, Map.of("batch", Map.of("enabled", true,
                "maxRequests", 10))).status());
        Map<String, Object> batch = Map.of("requests", List.of(
                Map.of("method", "POST", "url", "/api/collections/" + notes + "/records", "body", Map.of("title", "a")),
                Map.of("method", "POST", "url", "/api/collections/" + notes + "/records", "body", Map.of("title", "b"))));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Bound b = bound(app.onBatchRequest(), e -> {
            for (BatchRecords.Item item : e.batch()) {
                seen.add(item.method() + " " + item.url());
            }
            e.batch().remove(1);
            e.next();
            seen.add("results " + e.results().size());
        })) {
            Reply done = api.call("POST", "/api/batch", root, batch);
            assertEquals(200, done.status(), done.raw());
        }
        String url = "POST /api/collections/" + notes + "/records";
        assertEquals(List.of(url, url, "results 1"), seen);
        assertEquals(1, app.findRecordsByFilter(notes, "", "", 10, 0).size());
        assertVetoed(app.onBatchRequest(), () -> api.call("POST", "/api/batch", root, batch));
        assertEquals(1, app.findRecordsByFilter(notes, "", "", 10, 0).size());
    }

    // ------------------------------------------------------------------ helpers

    /** A bound handler, unbound when closed. */
    private interface Bound extends AutoCloseable {
        @Override
        void close();
    }

    private static <E extends HookEvent> Bound bound(Hook<E> hook, Hook.Handler<E> handler) {
        String id = hook.bind(handler);
        return () -> hook.unbind(id);
    }

    private static <E extends HookEvent> Bound bound(Hook.Tagged<E> hook, Hook.Handler<E> handler) {
        String id = hook.bind(handler);
        return () -> hook.unbind(id);
    }

    @FunctionalInterface
    private interface Call {
        Reply run() throws Exception;
    }

    /** A handler that throws an API error turns the call into that error's PocketBase body. */
    private static <E extends HookEvent> void assertVetoed(Hook<E> hook, Call call) throws Exception {
        try (Bound b = bound(hook, e -> {
            throw new BadRequest("Vetoed by the hook.");
        })) {
            assertVetoBody(call.run());
        }
    }

    private static <E extends HookEvent> void assertVetoed(Hook.Tagged<E> hook, Call call) throws Exception {
        try (Bound b = bound(hook, e -> {
            throw new BadRequest("Vetoed by the hook.");
        })) {
            assertVetoBody(call.run());
        }
    }

    private static void assertVetoBody(Reply r) {
        assertEquals(400, r.status(), r.raw());
        assertEquals(400, ((Number) r.body().get("status")).intValue(), r.raw());
        assertEquals("Vetoed by the hook.", r.body().get("message"), r.raw());
        assertEquals(Map.of(), r.body().get("data"), r.raw());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A new base collection with a text field {@code title}, open to everyone; its name. */
    private String collection(String prefix) throws Exception {
        String name = prefix + "_" + suffix();
        Reply r = api.call("POST", "/api/collections", root, Map.of("name", name, "type", "base",
                "listRule", "", "viewRule", "", "createRule", "",
                "fields", List.of(Map.of("name", "title", "type", "text"))));
        assertEquals(200, r.status(), r.raw());
        return name;
    }

    /** A new users record with password {@code user-password-1}; its email. */
    private String user(String prefix) throws Exception {
        String email = prefix + "-" + suffix() + "@example.com";
        Reply r = api.call("POST", "/api/collections/users/records", null, Map.of("email", email,
                "password", "user-password-1", "passwordConfirm", "user-password-1"));
        assertEquals(200, r.status(), r.raw());
        return email;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> find(String email) throws Exception {
        Reply r = api.call("GET", "/api/collections/users/records?filter="
                + URLEncoder.encode("email='" + email + "'", StandardCharsets.UTF_8), root, null);
        return (Map<String, Object>) ((List<?>) r.body().get("items")).get(0);
    }

    private Reply login(String collection, String identity, String password) throws Exception {
        return api.call("POST", "/api/collections/" + collection + "/auth-with-password", null,
                Map.of("identity", identity, "password", password));
    }

    private String token(String collection, String identity, String password) throws Exception {
        Reply r = login(collection, identity, password);
        assertEquals(200, r.status(), r.raw());
        return r.text("token");
    }

    private static MetaConfig withAppName(Settings s, String name) {
        MetaConfig m = s.meta();
        return new MetaConfig(m.accentColor(), name, m.appURL(), m.senderName(), m.senderAddress(), m.hideControls());
    }

    /** The newest mail to {@code to} whose body contains {@code marker}. */
    private MimeMessage awaitMail(String to, String marker) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            MimeMessage[] all = mail.getReceivedMessages();
            for (int i = all.length - 1; i >= 0; i--) {
                if (all[i].getAllRecipients()[0].toString().equals(to)
                        && GreenMailUtil.getBody(all[i]).replace("=\r\n", "").contains(marker)) {
                    return all[i];
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail with '" + marker + "' to " + to);
    }

    private static String link(MimeMessage m, String action) {
        Matcher matcher = Pattern.compile("/_/#/auth/" + action + "/([A-Za-z0-9_.-]+)")
                .matcher(GreenMailUtil.getBody(m).replace("=\r\n", ""));
        assertTrue(matcher.find(), GreenMailUtil.getBody(m));
        return matcher.group(1);
    }

    private Reply oauth2Login(String sub, String email) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("email", email);
        claims.put("email_verified", true);
        claims.put("name", "Provider Name");
        return api.authWithOAuth2(idp, "oidc", claims, null, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(String json) {
        Object parsed = json.isBlank() ? Map.of() : dev.locket.domain.json.Json.parse(json);
        return parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
