package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.Field;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.Decision;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.rule.RuleCases;
import dev.locket.domain.rule.RuleEvaluator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random rules over random records and requests: whenever the in-memory evaluator decides on its own
 * (ALLOW or DENY), the SQL translation on a real SQLite file must select the record exactly when it allowed;
 * a rule one side rejects the other must reject too. A quarter of the rules run as non-superuser client filters.
 */
class RuleAgreementIT {

    static final RuleCases TABLE = RuleCases.load();
    static final FilterSql SQL = new FilterSql(TABLE::collection, TABLE.clock());
    static final RuleEvaluator EVALUATOR = new RuleEvaluator(TABLE::collection, TABLE.clock());
    static final Collection POSTS = TABLE.collection("posts").orElseThrow();

    static final String[] OPERANDS = {"title", "note", "views", "price", "published", "status", "tags", "tags:each",
        "tags:length", "status:each", "status:length", "editors", "editors:each", "editors:length", "author",
        "author.id", "attachments:each", "cover", "cover:length", "meta", "meta.a.b", "meta.s", "meta.list.0.n",
        "meta:lower", "meta.s:lower", "loc", "loc.lat", "loc.lon", "created", "due", "id", "contact:lower",
        "title:lower", "'x'", "''", "null", "true", "false", "0", "1", "10", "-2.5", "5.5", "'10'", "' 10 '", "'%'",
        "'_'", "'news'", "'tech'", "'Hello%'", "'%o_W%'", "'hello'", "'1.5'", "'Str'", "'a\\_b'", "'\\%'", "@now",
        "@year", "@todayStart", "@weekday", "@request.auth.id", "@request.auth.name", "@request.auth.verified",
        "@request.auth.collectionName", "@request.auth.team", "@request.body.title", "@request.body.tags:each",
        "@request.body.tags", "@request.body.tags:length", "@request.body.views", "@request.body.title:changed",
        "@request.body.views:changed", "@request.body.tags:changed", "@request.body.meta:changed",
        "@request.body.nums:each", "@request.body.missing", "@request.body.missing:each", "@request.body.extra.n",
        "@request.body.extra", "@request.query.q:isset", "@request.query.q", "@request.headers.x_token:lower",
        "@request.method", "@request.context", "geoDistance(loc.lon, loc.lat, 23.32, 42.69)",
        "geoDistance(loc.lon, title, 1, 2)", "author.name", "editors.name", "@collection.teams.name",
        "comments_via_post.message", "strftime('%Y', created)", "nope", "title:each", "internal", "secret.code",
        "author.email", "@request.body.internal:changed", "strftime('%Y-%m-%d %H:%M:%f', created)",
        "strftime('%w %j %s', due, 'start of month')", "strftime('%Y', tags:each)", "strftime('%d', '2024-02-30')",
        "strftime('%Y', title, 'start of year')", "'2024'", "'01'", "'5.0'", "'1e2'", "'.0'",
        "'e+'", "1e2", "0.1", "'[]'", "'[\\\"news\\\"]'", "@request.body.meta", "@request.body.meta.a.b"};
    static final String[] OPS = {"=", "!=", ">", ">=", "<", "<=", "~", "!~", "?=", "?!=", "?>", "?>=", "?<", "?<=",
        "?~", "?!~"};

    @TempDir
    static Path dir;
    static Connection db;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = TestRows.caseDatabase(dir, TABLE);
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void evaluatorAndSqlAgreeOnRandomRules() throws SQLException {
        Random random = new Random(20261201);
        List<RequestInfo> requests = requests();
        int decided = 0;
        List<String> disagreements = new ArrayList<>();
        for (int n = 0; n < 6000; n++) {
            String rule = rule(random);
            Record record = record(random);
            RequestInfo request = requests.get(random.nextInt(requests.size()));
            boolean client = random.nextInt(4) == 0;
            Decision decision;
            try {
                decision = client ? EVALUATOR.evaluateClientFilter(POSTS, record, request, rule)
                        : EVALUATOR.evaluate(POSTS, record, request, rule);
            } catch (BadRequest e) {
                decision = null;
            }
            Boolean sql;
            try {
                sql = matches(rule, record, request, client);
            } catch (BadRequest e) {
                sql = null;
            }
            if (decision == null || sql == null) {
                if (decision != null || sql != null) {
                    disagreements.add(rule + " | " + record.values() + " | " + decision + " vs sql " + sql);
                }
                continue;
            }
            if (decision == Decision.NEEDS_STORE) {
                continue;
            }
            decided++;
            if ((decision == Decision.ALLOW) != sql) {
                disagreements.add(rule + " | " + record.values() + " | " + request.auth().map(Record::id)
                        + " " + request.body() + " | " + decision + " vs sql " + sql);
            }
        }
        assertTrue(disagreements.isEmpty(), disagreements.size() + " disagreements:\n"
                + String.join("\n", disagreements.subList(0, Math.min(30, disagreements.size()))));
        System.err.println("RuleAgreementIT: " + decided + " decided in memory");
        assertTrue(decided > 2000, "only " + decided + " decided in memory");
    }

    private static String rule(Random random) {
        StringBuilder f = new StringBuilder();
        int comparisons = 1 + random.nextInt(4);
        for (int i = 0; i < comparisons; i++) {
            if (i > 0) {
                f.append(random.nextBoolean() ? " && " : " || ");
            }
            boolean group = random.nextInt(4) == 0;
            f.append(group ? "(" : "").append(OPERANDS[random.nextInt(OPERANDS.length)]).append(' ')
                    .append(OPS[random.nextInt(OPS.length)]).append(' ')
                    .append(OPERANDS[random.nextInt(OPERANDS.length)]).append(group ? ")" : "");
        }
        return f.toString();
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static Record record(Random random) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("id", pick(random, List.of("p1", "p2", "u1")));
        raw.put("title", pick(random, List.of("Hello World", "", "10", "news", "a_b", "Grüße", "x", "Tech talk",
                "100%", "5.5", "2024-05-06", "2024-05-06T07:08:09Z", "2024-05-06 07:08")));
        raw.put("note", pick(random, List.of("", "x", "_", "10", "%")));
        raw.put("views", pick(random, List.<Object>of(0, 10, 5.5, -1, 100, 1e20, 1e16, 100.5, 0.00001)));
        raw.put("price", pick(random, List.<Object>of(0, 5.5, 10, 0.1, 1.5)));
        raw.put("published", random.nextBoolean());
        raw.put("status", pick(random, List.of("", "draft", "published")));
        raw.put("tags", pick(random, List.<Object>of(List.of(), List.of("news"), List.of("news", "tech"),
                List.of("x_y", "100%"))));
        raw.put("editors", pick(random, List.<Object>of(List.of(), List.of("u1"), List.of("u1", "u2"))));
        raw.put("author", pick(random, List.of("", "u1", "u2", "u9")));
        raw.put("meta", pick(random, java.util.Arrays.asList(null, Map.of("a", Map.of("b", 1)), 5, "\"hi\"",
                "{\"s\":\"Str\",\"list\":[{\"n\":\"x\"}]}", true, "[1,2]", "1.5", "\"10\"")));
        raw.put("loc", pick(random, List.<Object>of(Map.of(), Map.of("lon", 23.32, "lat", 42.69),
                Map.of("lon", 1, "lat", 2))));
        raw.put("created", pick(random, List.of("", "2024-01-01 10:00:00.000Z", "2025-01-01 08:00:00.000Z",
                "2024-12-31 23:59:59.999Z")));
        raw.put("due", pick(random, List.of("", "2024-02-01 00:00:00.000Z")));
        raw.put("attachments", pick(random, List.<Object>of(List.of(), List.of("a.png", "b_c.txt"))));
        raw.put("cover", pick(random, List.of("", "c.png")));
        raw.put("contact", pick(random, List.of("", "Me@X.com")));
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : POSTS.fields()) {
            values.put(f.name(), raw.containsKey(f.name()) ? f.normalize(raw.get(f.name())) : f.zero());
        }
        return new Record(POSTS, values);
    }

    private static List<RequestInfo> requests() {
        Record alice = TABLE.store().get("users").get(0);
        Record bob = TABLE.store().get("users").get(1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Tech talk");
        body.put("views", 100.0);
        body.put("tags", List.of("news", "tech"));
        body.put("meta", POSTS.field("meta").orElseThrow().normalize(Map.of("a", Map.of("b", 1))));
        body.put("extra", Map.of("n", 1.5));
        body.put("nums", List.of(1L, 2.5));
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("title", "");
        other.put("views", 10.0);
        other.put("tags", List.of());
        other.put("missing", "x");
        return List.of(RequestInfo.guest(),
                new RequestInfo(Optional.of(alice), "GET", Map.of(), Map.of(), Map.of(), "default"),
                new RequestInfo(Optional.of(bob), "PATCH", Map.of("x_token", "ABC"), Map.of("q", "Hello"), body,
                        "realtime"),
                new RequestInfo(Optional.of(alice), "POST", Map.of(), Map.of("q", ""), other, "default"));
    }

    private static boolean matches(String rule, Record record, RequestInfo request, boolean client)
            throws SQLException {
        SqlFragment where = SQL.where(POSTS, "r", rule, request, !client);
        try {
            TestRows.insert(db, record);
            String sql = "SELECT \"r\".\"id\" FROM \"posts\" AS \"r\" WHERE " + where.sql();
            try (PreparedStatement ps = db.prepareStatement(sql)) {
                Columns.bindAll(ps, where.params());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).equals(record.id())) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } finally {
            db.rollback();
        }
    }
}
