package com.example.todos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locket.Locket;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.rule.RequestInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * PocketBase's classic todo app on Locket: a {@code todos} collection each user sees and edits only for
 * themselves, a route that checks a todo before it is saved, and an activity line written after each create.
 */
public final class TodosApp {
    static final int MAX_TITLE = 200;
    private static final String OWNER_ONLY = "owner = @request.auth.id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TodosApp() {
    }

    public static void main(String[] args) {
        System.exit(create().start(args));
    }

    /** The app with its collections, route and hook; {@code start(args)} runs it ({@code serve}, ...). */
    public static Locket create() {
        Locket app = Locket.create();
        // runs once, on the first start, and is recorded in _migrations
        app.migrations().register("1733500000_create_todos", TodosApp::createCollections, a -> {
            a.collections().delete("activities", RequestInfo.system());
            a.collections().delete("todos", RequestInfo.system());
        });
        app.onServe().bind(e -> {
            e.routes().post("/api/todos/validate", TodosApp::validate);
            e.next();
        });
        // after a todo is saved, its owner's activity feed gets a line
        app.hooks().onRecordAfterCreateSuccess("todos").bind(e -> {
            app.createRecord("activities", RecordBody.builder().set("owner", e.record().text("owner"))
                    .set("message", "created \"" + e.record().text("title") + "\"").build());
            e.next();
        });
        return app;
    }

    static void createCollections(Locket app) {
        String users = app.collections().view("users", RequestInfo.system()).id();
        app.collections().create(CollectionDraft.base("todos")
                .field(new TextField(FieldMeta.named("title"), true, 0, MAX_TITLE, "", "", false))
                .field(new BoolField(FieldMeta.named("done"), false))
                .field(new RelationField(FieldMeta.named("owner"), true, users, true, 0, 1))
                .field(new AutodateField(FieldMeta.named("created"), true, false))
                .field(new AutodateField(FieldMeta.named("updated"), true, true))
                // signed-in users only, each with their own todos
                .listRule(OWNER_ONLY).viewRule(OWNER_ONLY).updateRule(OWNER_ONLY).deleteRule(OWNER_ONLY)
                .createRule("@request.auth.id != '' && owner = @request.auth.id"), RequestInfo.system());
        app.collections().create(CollectionDraft.base("activities")
                .field(new RelationField(FieldMeta.named("owner"), true, users, true, 0, 1))
                .field(new TextField(FieldMeta.named("message"), true, 0, 0, "", "", false))
                .field(new AutodateField(FieldMeta.named("created"), true, false))
                .listRule(OWNER_ONLY).viewRule(OWNER_ONLY), RequestInfo.system()); // written by the hook only
    }

    /** {@code POST /api/todos/validate {"title": ...}}: 401 for a guest, 400 for a bad title, else 204. */
    static void validate(ServerRequest req, ServerResponse res) throws Exception {
        requireAuth(req);
        JsonNode body = JSON.readTree(req.content().as(String.class));
        String title = body.path("title").asText("").strip();
        if (title.isEmpty()) {
            throw ValidationFailed.of("Invalid todo.", "title", FieldError.required());
        }
        if (title.length() > MAX_TITLE) {
            throw ValidationFailed.of("Invalid todo.", "title", FieldError.of("validation_length_out_of_range",
                    "The length must be between 1 and " + MAX_TITLE + ".", "max", MAX_TITLE));
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    // TODO(routes): replace with the route API's requireAuth() middleware and e.auth() once it lands on main;
    // until then the token is checked by the server's own auth-refresh endpoint.
    private static void requireAuth(ServerRequest req) throws Exception {
        String token = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (token.isEmpty()) {
            throw new Unauthorized(Unauthorized.REQUIRES_AUTH);
        }
        int port = ((InetSocketAddress) req.localPeer().address()).getPort();
        HttpResponse<Void> refresh = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/collections/users/auth-refresh"))
                .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        if (refresh.statusCode() != 200) {
            throw new Unauthorized(Unauthorized.REQUIRES_AUTH);
        }
    }
}
