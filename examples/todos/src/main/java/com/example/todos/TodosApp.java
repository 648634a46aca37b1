package com.example.todos;

import dev.locket.Locket;
import dev.locket.adapters.http.route.Middlewares;
import dev.locket.adapters.http.route.RequestEvent;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.TextField;
import java.util.Map;
import java.util.Objects;

/**
 * PocketBase's classic todo app on Locket: a {@code todos} collection each user sees and edits only for
 * themselves, a route that checks a todo before it is saved, and an activity line written after each create.
 */
public final class TodosApp {
    static final int MAX_TITLE = 200;
    private static final String OWNER_ONLY = "owner = @request.auth.id";

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
            a.deleteCollection("activities");
            a.deleteCollection("todos");
        });
        app.onServe().bind(e -> {
            e.router().post("/api/todos/validate", TodosApp::validate).bind(Middlewares.requireAuth("users"));
            e.next();
        });
        // after a todo is saved, its owner's activity feed gets a line
        app.onRecordAfterCreateSuccess("todos").bind(e -> {
            app.createRecord("activities", RecordBody.builder().set("owner", e.record().text("owner"))
                    .set("message", "created \"" + e.record().text("title") + "\"").build());
            e.next();
        });
        return app;
    }

    static void createCollections(Locket app) {
        String users = app.findCollectionByNameOrId("users").id();
        app.saveCollection(CollectionDraft.base("todos")
                .field(new TextField(FieldMeta.named("title"), true, 0, MAX_TITLE, "", "", false))
                .field(new BoolField(FieldMeta.named("done"), false))
                .field(new RelationField(FieldMeta.named("owner"), true, users, true, 0, 1))
                .field(new AutodateField(FieldMeta.named("created"), true, false))
                .field(new AutodateField(FieldMeta.named("updated"), true, true))
                // signed-in users only, each with their own todos
                .listRule(OWNER_ONLY).viewRule(OWNER_ONLY).updateRule(OWNER_ONLY).deleteRule(OWNER_ONLY)
                .createRule("@request.auth.id != '' && owner = @request.auth.id"));
        app.saveCollection(CollectionDraft.base("activities")
                .field(new RelationField(FieldMeta.named("owner"), true, users, true, 0, 1))
                .field(new TextField(FieldMeta.named("message"), true, 0, 0, "", "", false))
                .field(new AutodateField(FieldMeta.named("created"), true, false))
                .listRule(OWNER_ONLY).viewRule(OWNER_ONLY)); // written by the hook only
    }

    /** {@code POST /api/todos/validate {"title": ...}}: 401 for a guest (requireAuth), 400 for a bad title, else 204. */
    static void validate(RequestEvent e) {
        String title = Objects.toString(e.body().get("title"), "").strip();
        if (title.isEmpty()) {
            throw e.badRequestError("Invalid todo.", Map.of("title", FieldError.required()));
        }
        if (title.length() > MAX_TITLE) {
            throw e.badRequestError("Invalid todo.", Map.of("title", FieldError.of("validation_length_out_of_range",
                    "The length must be between 1 and " + MAX_TITLE + ".", "max", MAX_TITLE)));
        }
        e.noContent(204);
    }
}
