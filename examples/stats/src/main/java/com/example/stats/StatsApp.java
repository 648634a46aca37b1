package com.example.stats;

import dev.locket.Locket;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.TextField;
import java.time.Instant;
import java.util.Map;

/**
 * A cron job feeding a custom realtime topic: every five minutes the app counts the {@code notes} and publishes
 * the figure on the {@code stats} topic, which any realtime client may subscribe to (the job also runs on
 * demand from the dashboard's crons page, {@code POST /api/crons/notes_stats}).
 */
public final class StatsApp {
    static final String TOPIC = "stats";

    private StatsApp() {
    }

    public static void main(String[] args) {
        System.exit(create().start(args));
    }

    /** The app with its collection and cron job; {@code start(args)} runs it ({@code serve}, ...). */
    public static Locket create() {
        Locket app = Locket.create();
        app.migrations().register("1733500000_create_notes", a -> a.saveCollection(CollectionDraft.base("notes")
                .field(new TextField(FieldMeta.named("text"), true, 0, 500, "", "", false))
                .listRule("").viewRule("").createRule("")),
                a -> a.deleteCollection("notes"));
        app.cron().add("notes_stats", "*/5 * * * *", () -> {
            long notes = app.countRecords("notes", "", Map.of());
            app.publish(TOPIC, Map.of("notes", notes, "at", Instant.now().toString()));
        });
        return app;
    }
}
