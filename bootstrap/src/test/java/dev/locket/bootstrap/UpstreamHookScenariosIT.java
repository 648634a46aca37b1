package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.Locket;
import dev.locket.domain.error.BadRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream API scenarios whose setup is a Go hook or route, with the same intent on Locket's hooks (an
 * embedded Locket over a fixture copy): a hook failing after the action inside the write transaction leaves
 * nothing written and its error is the answer; a slow hook makes a batch overrun its timeout and roll back;
 * a route that throws answers a PocketBase error body. Upstream's request hooks open their own transaction
 * around {@code e.Next()}; Locket's model hooks run inside the write transaction, which is where such a
 * hook's failure must roll the write back.
 */
class UpstreamHookScenariosIT {
    private static final String SU = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6InN5d2JoZWNuaDQ2cmhtMCIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoi"
            + "cGJjXzMxNDI2MzU4MjMiLCJleHAiOjI1MjQ2MDQ0NjEsInJlZnJlc2hhYmxlIjp0cnVlfQ.UXgO3j-0BumcugrFjbd7j0M4MQvbrLggLlcu_YNGjoY";
    private static final String CLIENT = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6ImdrMzkwcWVnczR5NDd3biIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlv"
            + "bklkIjoidjg1MXE0cjc5MHJoa25sIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.0ONnm_BsvPRZyDNT31GN1CKUB6uQRxvVvQ-Wc9AZfG0";

    @TempDir
    Path tmp;

    private Path dir;
    private int port;

    @Test
    void recordRequestHooksFailingAfterTheActionRollItBack() throws Exception {
        // record_crud_test.go "On…Request tx body write check" (create, update, delete, list, view)
        serve(app -> {
            app.onRecordCreate("demo2").bind(e -> {
                e.next();
                throw new BadRequest("TX_ERROR");
            });
            app.onRecordUpdate("demo2").bind(e -> {
                e.next();
                throw new BadRequest("TX_ERROR");
            });
            app.onRecordDelete("clients").bind(e -> {
                e.next();
                throw new BadRequest("TX_ERROR");
            });
            app.hooks().onRecordsListRequest("demo4").bind(e -> {
                e.next();
                throw new BadRequest("TX_ERROR");
            });
            app.hooks().onRecordViewRequest("demo1").bind(e -> {
                e.next();
                throw new BadRequest("TX_ERROR");
            });
        }, () -> {
            assertTxError(call("POST", "/api/collections/demo2/records", SU, "{\"title\":\"new\"}"));
            assertEquals("0", query("SELECT count(*) FROM demo2 WHERE title = 'new'"));

            assertTxError(call("PATCH", "/api/collections/demo2/records/0yxhwia2amd8gec", SU, "{\"title\":\"new\"}"));
            assertEquals("0", query("SELECT count(*) FROM demo2 WHERE title = 'new'"));

            assertTxError(call("DELETE", "/api/collections/clients/records/o1y0dd0spd786md", SU, null));
            assertEquals("1", query("SELECT count(*) FROM clients WHERE id = 'o1y0dd0spd786md'"));

            assertTxError(call("GET", "/api/collections/demo4/records", SU, null));
            assertTxError(call("GET", "/api/collections/demo1/records/al1h9ijdeojtsjy", SU, null));
        });
    }

    @Test
    void collectionHooksFailingAfterTheActionRollItBack() throws Exception {
        // collection_test.go "OnCollection{Create,Update,Delete}Request tx body write check"
        serve(app -> {
            app.hooks().model().onCollectionCreate().bind(e -> {
                e.next();
                throw new BadRequest("TX_ERROR");
            });
            app.hooks().model().onCollectionUpdate().bind(e -> {
                e.next();
                throw new BadRequest("TX_ERROR");
            });
            app.hooks().model().onCollectionDelete().bind(e -> {
                e.next();
                throw new BadRequest("TX_ERROR");
            });
        }, () -> {
            assertTxError(call("POST", "/api/collections", SU, "{\"name\":\"new\",\"type\":\"base\"}"));
            assertEquals("0", query("SELECT count(*) FROM _collections WHERE name = 'new'"));
            assertEquals("0", query("SELECT count(*) FROM sqlite_master WHERE name = 'new'"));

            String before = query("SELECT updated FROM _collections WHERE name = 'demo1'");
            assertTxError(call("PATCH", "/api/collections/demo1", SU, "{\"listRule\":\"id != ''\"}"));
            assertEquals(before, query("SELECT updated FROM _collections WHERE name = 'demo1'"));

            assertTxError(call("DELETE", "/api/collections/view2", SU, null));
            assertEquals("1", query("SELECT count(*) FROM _collections WHERE name = 'view2'"));
        });
    }

    @Test
    void importFailingInACollectionHookSavesNothing() throws Exception {
        // collection_import_test.go "authorized as superuser + non-validator failure"
        serve(app -> app.hooks().model().onCollectionCreate().bind(e -> {
            throw new IllegalStateException("custom_error");
        }), () -> {
            String total = query("SELECT count(*) FROM _collections");
            RawHttp.Response r = call("PUT", "/api/collections/import", SU, """
                    {"collections":[
                      {"name":"import1","fields":[{"id":"koih1lqx","name":"test","type":"text"}]},
                      {"name":"import2","fields":[{"id":"koih1lqx","name":"test","type":"text"}]}]}""");
            assertEquals(400, r.status(), r.text());
            String body = ScenarioReplay.compact(r.text());
            assertTrue(body.contains("\"collections\":{\"code\":\"validation_collections_import_failure\""), body);
            assertTrue(body.contains("custom_error"), body);
            assertEquals(total, query("SELECT count(*) FROM _collections"));
        });
    }

    @Test
    void authRequestHookFailingAfterTheAuthAnswersItsError() throws Exception {
        // record_auth_with_{password,otp,oauth2}_test.go "OnRecordAuthWith…Request tx body write check"
        serve(app -> app.hooks().onRecordAuthRequest("clients").bind(e -> {
            e.next();
            throw new BadRequest("TX_ERROR");
        }), () -> {
            String origins = query("SELECT count(*) FROM _authOrigins");
            assertTxError(call("POST", "/api/collections/clients/auth-with-password", null,
                    "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}"));
            assertEquals(origins, query("SELECT count(*) FROM _authOrigins"));
        });
    }

    @Test
    void batchTransactionTimeoutRollsBackEveryRequest() throws Exception {
        // batch_test.go "transaction timeout": batch.timeout 1 s, each create held 600 ms by a hook
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy().resolve("data.db"));
             Statement st = c.createStatement()) {
            st.execute("UPDATE _params SET value = CAST(json_set(CAST(value AS TEXT), '$.batch.timeout', 1) AS BLOB)"
                    + " WHERE id = 'settings'");
        }
        serve(app -> app.hooks().onRecordCreateRequest("demo2").bind(e -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            e.next();
        }), () -> {
            RawHttp.Response r = call("POST", "/api/batch", SU, """
                    {"requests":[
                      {"method":"POST","url":"/api/collections/demo2/records","body":{"title":"batch1"}},
                      {"method":"POST","url":"/api/collections/demo2/records","body":{"title":"batch2"}}]}""");
            assertEquals(400, r.status(), r.text());
            assertTrue(ScenarioReplay.compact(r.text()).contains("\"data\":{}"), r.text());
            assertEquals("0", query("SELECT count(*) FROM demo2 WHERE title LIKE 'batch%'"));
        });
    }

    @Test
    void aRouteThatThrowsAnswersA500ErrorBody() throws Exception {
        // middlewares_test.go TestPanicRecover: a panic in a route answers 500 with an error body
        serve(app -> app.onServe().bind(e -> {
            e.routes().get("/my/test", (req, res) -> {
                throw new IllegalStateException("123");
            });
            e.next();
        }), () -> {
            RawHttp.Response r = call("GET", "/my/test", null, null);
            assertEquals(500, r.status(), r.text());
            assertTrue(ScenarioReplay.compact(r.text()).contains("\"data\":{}"), r.text());
        });
    }

    private interface Check {
        void run() throws Exception;
    }

    private Path copy() throws Exception {
        if (dir == null) {
            dir = tmp.resolve("pb_data");
            LocketProcess.copyTree(LocketProcess.fixture(), dir);
        }
        return dir;
    }

    private void serve(Consumer<Locket> hooks, Check check) throws Exception {
        Class.forName("org.sqlite.JDBC");
        copy();
        Locket app = Locket.create();
        hooks.accept(app);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> app.start(
                "serve", "--http", "127.0.0.1:0", "--dir", dir.toString()));
        try {
            port = app.awaitPort(30, TimeUnit.SECONDS);
            check.run();
        } finally {
            app.stop();
            exit.get(30, TimeUnit.SECONDS);
        }
    }

    private RawHttp.Response call(String method, String path, String token, String body) throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (token != null) {
            headers.put("Authorization", token);
        }
        return RawHttp.exchange(port, method, path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static void assertTxError(RawHttp.Response r) {
        assertEquals(400, r.status(), r.text());
        assertTrue(r.text().contains("TX_ERROR"), r.text());
    }

    private String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
