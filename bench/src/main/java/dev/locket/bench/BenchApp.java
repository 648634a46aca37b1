package dev.locket.bench;

import dev.locket.Locket;
import dev.locket.adapters.http.record.ApiJson;
import dev.locket.domain.record.Record;
import io.helidon.http.HeaderNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server of the custom scenarios (WORKLOAD §5.4): {@code locket.jar} embedded, plus the Java
 * equivalents of upstream's Go route and update hook. Everything else behaves as the plain jar.
 * Started by the harness as {@code java -cp bench/target/classes:bootstrap/target/locket.jar}.
 */
public final class BenchApp {
    /** The key under which the route-level middleware leaves the page size for the handler. */
    private static final String LIMIT = "bench.limit";

    private BenchApp() {
    }

    public static void main(String[] args) {
        System.exit(create().start(args));
    }

    /** The embedded app with the route and the hook bound. */
    static Locket create() {
        Locket app = Locket.create();
        app.onServe().bind(e -> {
            // route-level middleware first (stores 20 in the request context), then the handler reading it
            e.routes().get("/java", (req, res) -> {
                req.context().register(LIMIT, 20);
                res.next();
            }, (req, res) -> {
                int limit = req.context().get(LIMIT, Integer.class).orElse(20);
                List<Record> posts = app.findRecordsByFilter("posts10k", "title != ''", "-created", limit, 0);
                res.header(HeaderNames.CONTENT_TYPE, "application/json").send(ApiJson.records(posts));
            });
            e.next();
        });
        app.onRecordUpdateRequest("java").bind(e -> {
            if (!e.record().text("title").isEmpty()) {
                Map<String, Object> values = new LinkedHashMap<>(e.record().values());
                values.put("title", "java_update");
                e.record(new Record(e.record().collection(), values));
            }
            e.next();
        });
        return app;
    }
}
