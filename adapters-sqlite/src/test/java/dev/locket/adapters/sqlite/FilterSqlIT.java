package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.PasswordAuth;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.EmailField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs translated filters and sorts against a real SQLite file and checks which records match. */
class FilterSqlIT {

    @TempDir
    static Path dir;
    static Connection db;

    static final CollectionRules PUBLIC = new CollectionRules(AccessRule.PUBLIC, AccessRule.PUBLIC,
            AccessRule.PUBLIC, AccessRule.PUBLIC, AccessRule.PUBLIC);

    static final AuthCollection USERS = new AuthCollection("_pb_users_auth_", "users", false, List.of(
            id(), text("password", true), text("tokenKey", true),
            new EmailField(meta("email", false), false, List.of(), List.of()),
            new BoolField(meta("emailVisibility", false), false), new BoolField(meta("verified", false), false),
            text("name", false), new SelectField(meta("role", false), false, List.of("admin", "user"), 1),
            new RelationField(meta("team", false), false, "teams0000000001", false, 0, 1)),
            PUBLIC, List.of(), "", "",
            new AuthOptions(AccessRule.PUBLIC, AccessRule.LOCKED, new PasswordAuth(true, List.of("email")),
                    token(), token(), token(), token(), token(), Map.of()));

    static final BaseCollection TEAMS = base("teams0000000001", "teams",
            new CollectionRules(AccessRule.of("name != 'Blue'"), AccessRule.PUBLIC, AccessRule.PUBLIC,
                    AccessRule.PUBLIC, AccessRule.PUBLIC), List.of(),
            id(), text("name", false));

    static final BaseCollection SECRETS = base("secrets00000001", "secrets", CollectionRules.locked(), List.of(),
            id(), text("code", false));

    static final BaseCollection POSTS = base("posts0000000001", "posts", PUBLIC, List.of(),
            id(), text("title", false), new NumberField(meta("views", false), false, null, null, false),
            new BoolField(meta("published", false), false),
            new SelectField(meta("tags", false), false, List.of("news", "tech"), 5),
            new SelectField(meta("category", false), false, List.of("a", "b"), 1),
            new RelationField(meta("author", false), false, USERS.id(), false, 0, 1),
            new RelationField(meta("editors", false), false, USERS.id(), false, 0, 9),
            new JsonField(meta("meta", false), false, 0), new GeoPointField(meta("loc", false), false),
            new AutodateField(meta("created", true), true, false), text("internal", true),
            new RelationField(meta("secret", false), false, SECRETS.id(), false, 0, 1));

    static final BaseCollection COMMENTS = base("comments0000001", "comments", PUBLIC, List.of(),
            id(), new RelationField(meta("post", false), false, POSTS.id(), false, 0, 1),
            new RelationField(meta("author", false), false, USERS.id(), false, 0, 1), text("message", false));

    static final BaseCollection MEMBERSHIPS = base("memberships0001", "memberships", PUBLIC, List.of(),
            id(), new RelationField(meta("user", false), false, USERS.id(), false, 0, 1),
            new RelationField(meta("team", false), false, TEAMS.id(), false, 0, 1));

    static final List<Collection> ALL = List.of(USERS, TEAMS, SECRETS, POSTS, COMMENTS, MEMBERSHIPS);

    /** 2025-01-01 12:00 UTC, a Wednesday. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC);

    static final FilterSql SQL = new FilterSql(key -> ALL.stream().filter(c -> c.answersTo(key)).findFirst(),
            CLOCK);

    static final Record ALICE = new Record(USERS, values("id", "u1", "email", "alice@x.com", "emailVisibility", true,
            "verified", true, "name", "Alice", "role", "admin", "team", "t1"));

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
        exec("""
            CREATE TABLE users (id TEXT PRIMARY KEY, password TEXT DEFAULT '' NOT NULL, tokenKey TEXT DEFAULT '' NOT NULL,
              email TEXT DEFAULT '' NOT NULL, emailVisibility BOOLEAN DEFAULT FALSE NOT NULL,
              verified BOOLEAN DEFAULT FALSE NOT NULL, name TEXT DEFAULT '' NOT NULL, role TEXT DEFAULT '' NOT NULL,
              team TEXT DEFAULT '' NOT NULL)""",
            "CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT DEFAULT '' NOT NULL)",
            "CREATE TABLE secrets (id TEXT PRIMARY KEY, code TEXT DEFAULT '' NOT NULL)",
            """
            CREATE TABLE posts (id TEXT PRIMARY KEY, title TEXT DEFAULT '' NOT NULL, views NUMERIC DEFAULT 0 NOT NULL,
              published BOOLEAN DEFAULT FALSE NOT NULL, tags JSON DEFAULT '[]' NOT NULL, category TEXT DEFAULT '' NOT NULL,
              author TEXT DEFAULT '' NOT NULL, editors JSON DEFAULT '[]' NOT NULL, meta JSON DEFAULT NULL,
              loc JSON DEFAULT '{"lon":0,"lat":0}' NOT NULL, created TEXT DEFAULT '' NOT NULL,
              internal TEXT DEFAULT '' NOT NULL, secret TEXT DEFAULT '' NOT NULL)""",
            "CREATE TABLE comments (id TEXT PRIMARY KEY, post TEXT DEFAULT '' NOT NULL, author TEXT DEFAULT '' NOT NULL,"
                    + " message TEXT DEFAULT '' NOT NULL)",
            "CREATE TABLE memberships (id TEXT PRIMARY KEY, user TEXT DEFAULT '' NOT NULL, team TEXT DEFAULT '' NOT NULL)",
            """
            INSERT INTO users (id, email, emailVisibility, verified, name, role, team) VALUES
              ('u1', 'alice@x.com', 1, 1, 'Alice', 'admin', 't1'),
              ('u2', 'bob@x.com', 0, 0, 'Bob', 'user', 't2'),
              ('u3', 'carol@y.org', 1, 1, 'Carol', '', '')""",
            "INSERT INTO teams VALUES ('t1', 'Red'), ('t2', 'Blue')",
            "INSERT INTO secrets VALUES ('s1', 'top')",
            """
            INSERT INTO posts (id, title, views, published, tags, category, author, editors, meta, loc, created, internal, secret)
            VALUES
              ('p1', 'Hello World', 10.0, 1, '["news","tech"]', 'a', 'u1', '["u1","u2"]',
               '{"a":{"b":1},"list":[{"n":"x"}]}', '{"lon":23.32,"lat":42.69}', '2024-01-01 10:00:00.000Z', 'i1', 's1'),
              ('p2', 'second_post 100%', 5.5, 0, '["news"]', 'b', 'u2', '["u2"]',
               '{"z":true}', '{"lon":0,"lat":0}', '2024-06-01 12:00:00.000Z', '', ''),
              ('p3', '', 0.0, 0, '[]', '', '', '[]',
               'null', '{"lon":0,"lat":0}', '2025-01-01 08:00:00.000Z', '', ''),
              ('p4', 'Tech talk', 100.0, 1, '["tech"]', 'a', 'u3', '["u1","u3"]',
               '{"a":{"b":"x"}}', '{"lon":23.5,"lat":42.7}', '2023-05-05 00:00:00.000Z', '', '')""",
            "INSERT INTO comments VALUES ('c1', 'p1', 'u2', 'nice'), ('c2', 'p1', 'u3', 'meh'), ('c3', 'p4', 'u2', 'nice')",
            "INSERT INTO memberships VALUES ('m1', 'u1', 't1'), ('m2', 'u2', 't2')");
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        // plain fields, NULL/'' equality, literals
        "title = 'Hello World' => p1",
        "title = '' => p3",
        "title = null => p3",
        "title != '' => p1 p2 p4",
        "title != null => p1 p2 p4",
        "title != 'Hello World' => p2 p3 p4",
        "category = title => p3",
        "category != title => p1 p2 p4",
        "views > 5 => p1 p2 p4",
        "views = 10 => p1",
        "views = '10' => p1",
        "views <= 5.5 => p2 p3",
        "views >= 10 && published = true => p1 p4",
        "published = false => p2 p3",
        "published = TRUE => p1 p4",
        "id = 'p2' => p2",
        "id != 'p2' => p1 p3 p4",
        "created >= '2024-06-01' => p2 p3",
        "true = true => p1 p2 p3 p4",
        "null = '' => p1 p2 p3 p4",
        "null != '' => ",
        "'a' = category => p1 p4",
        // grouping and precedence
        "(title = 'Hello World' || views = 5.5) && published = false => p2",
        "title = 'Hello World' || views = 5.5 && published = false => p1 p2",
        "published = true && (views > 50 || category = 'b') => p4",
        // LIKE
        "title ~ 'hello' => p1",
        "title ~ 'HELLO wor' => p1",
        "title !~ 'hello' => p2 p3 p4",
        "title ~ 'o_W' => ",
        "title ~ '%o_W%' => p1",
        "title ~ 'd_p' => p2",
        "title ~ '100%' => ",
        "title ~ '%100\\%' => p2",
        "title ~ category => p3 p4",
        "views ~ 5 => p2",
        "title ~ null => ",
        "title !~ null => ",
        "title:lower = 'hello world' => p1",
        // multi-valued fields
        "tags = 'news' => ",
        "tags ~ 'news' => p1 p2",
        "tags:each = 'news' => p2",
        "tags:each ?= 'news' => p1 p2",
        "tags:each != 'news' => p3 p4",
        "tags:each ?!= 'news' => p1 p3 p4",
        "tags:each ?~ 'ec' => p1 p4",
        "tags:each ~ 'e' => p1 p2 p4",
        "tags:length = 2 => p1",
        "tags:length = 0 => p3",
        "category:length = 1 => p1 p2 p4",
        "category:each = 'a' => p1 p4",
        // relations
        "author.name = 'Alice' => p1",
        "author.name != 'Alice' => p2 p3 p4",
        "author.id = 'u1' => p1",
        "author.team.name = 'Red' => p1",
        "author.verified = true => p1 p4",
        "author.email ~ 'x.com' => p1 p2",
        "editors.name ?= 'Bob' => p1 p2",
        "editors.name = 'Bob' => p2",
        "editors.name != 'Bob' => p3 p4",
        "editors.id ?= 'u3' => p4",
        "editors.team.name ?= 'Blue' => p1 p2",
        "editors:each ?= 'u1' => p1 p4",
        "editors:length > 1 => p1 p4",
        "editors.name ?= author.name => p1 p2 p3 p4",
        "editors.name = author.name => p2 p3",
        "comments_via_post.author ?= 'u3' => p1",
        "comments_via_post.message = 'nice' => p4",
        "comments_via_post.id != '' => p1 p4",
        "comments_via_post.author.name ?= 'Carol' => p1",
        // json and geo
        "meta.a.b = 1 => p1",
        "meta.a.b = 'x' => p4",
        "meta.list.0.n = 'x' => p1",
        "meta.a.b = null => p2 p3",
        "meta.a.b != null => p1 p4",
        "meta = null => p3",
        "loc.lat > 40 => p1 p4",
        "geoDistance(loc.lon, loc.lat, 23.32, 42.69) < 25 => p1 p4",
        "geoDistance(loc.lon, loc.lat, 23.32, 42.69) < 1 => p1",
        "strftime('%Y', created) = '2024' => p1 p2",
        "strftime('%Y-%m', created, 'start of month') = '2024-06' => p2",
        // macros against a fixed clock (2025-01-01 12:00 UTC, Wednesday)
        "created >= @todayStart && created <= @todayEnd => p3",
        "created > @yearStart => p3",
        "created < @yesterday => p1 p2 p4",
        "created < @now && created > @monthStart => p3",
        "@year = 2025 && @month = 1 && @day = 1 && @weekday = 3 && @hour = 12 => p1 p2 p3 p4",
        // @collection joins without a relation
        "@collection.teams.name ?= 'Red' => p1 p2 p3 p4",
        "@collection.teams.name = 'Red' => ",
        "@collection.memberships.user ?= author && @collection.memberships.team ?= author.team => p1 p2",
        "@collection.memberships.user ?= 'u1' && @collection.memberships.team ?= author.team => p1",
        "@collection.memberships:m.user ?= 'u1' && @collection.memberships:n.team ?= author.team => p1 p2",
    })
    void ruleMatches(String filter, String expected) throws SQLException {
        assertEquals(split(expected), postIds(filter, RequestInfo.guest(), true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "author = @request.auth.id => p1",
        "editors.id ?= @request.auth.id => p1 p4",
        "editors:each ?= @request.auth.id => p1 p4",
        "@request.auth.collectionName = 'users' && published = true => p1 p4",
        "@request.auth.collectionId = '_pb_users_auth_' && views = 0 => p3",
        "@request.auth.verified = true && @request.auth.emailVisibility = true && views = 0 => p3",
        "@request.auth.email = 'alice@x.com' && views = 0 => p3",
        "@request.auth.role = 'admin' && views = 0 => p3",
        "@request.auth.team.name = 'Red' && views = 0 => p3",
        "@request.auth.team.name = 'Blue' => ",
        "@request.auth.name ~ author.name => p1",
        "@request.method = 'PATCH' && views = 0 => p3",
        "@request.context = 'realtime' && views = 0 => p3",
        "@request.headers.x_token = 'abc' && views = 0 => p3",
        "@request.headers.x_other = null && views = 0 => p3",
        "@request.headers.x_token:isset = true && views = 0 => p3",
        "@request.query.q:isset = true && views = 0 => p3",
        "@request.query.nope:isset = false && views = 0 => p3",
        "@request.query.q:lower = 'search' && views = 0 => p3",
        "@request.body.title = title => p4",
        "@request.body.title:lower = 'tech talk' && views = 0 => p3",
        "@request.body.title:isset = true && @request.body.missing:isset = false && views = 0 => p3",
        "@request.body.missing = null && @request.body.missing = '' && views = 0 => p3",
        "@request.body.title:changed = true => p1 p2 p3",
        "@request.body.views:changed = false => p4",
        "@request.body.category:changed = false => p1 p4",
        "@request.body.tags:length = 2 && views = 0 => p3",
        "@request.body.tags:each ?= 'tech' && views = 0 => p3",
        "@request.body.tags:each = 'tech' => ",
        "@request.body.tags:each ?= tags:each => p1 p2 p4",
        "@request.body.author.name = 'Bob' && views = 0 => p3",
        "@request.body.editors.name ?= 'Carol' && views = 0 => p3",
        "@request.body.editors.name = 'Carol' => ",
        "@request.body.extra.deep.0 = 'x' && views = 0 => p3",
        "@request.body.views = views => p4",
        "@request.body.published = published => p1 p4",
        "title ~ @request.body.pattern => p2",
    })
    void requestValuesResolve(String filter, String expected) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Tech talk");
        body.put("views", 100.0);
        body.put("published", true);
        body.put("category", "a");
        body.put("tags", List.of("news", "tech"));
        body.put("author", "u2");
        body.put("editors", List.of("u1", "u3"));
        body.put("extra", Map.of("deep", List.of("x")));
        body.put("pattern", "d_p");
        RequestInfo request = new RequestInfo(Optional.of(ALICE), "PATCH", Map.of("x_token", "abc"),
                Map.of("q", "SEARCH"), body, "realtime");
        assertEquals(split(expected), postIds(filter, request, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "author = @request.auth.id => p3",
        "@request.auth.id != '' => ",
        "@request.auth.id = '' && views = 0 => p3",
        "@request.auth.name = null && views = 0 => p3",
        "@request.auth.team.name = 'Red' => ",
        "@request.auth.tags:length = 0 && views = 0 => ", // a guest's :length is NULL too, as upstream
    })
    void guestsHaveNullAuthValues(String filter, String expected) throws SQLException {
        assertEquals(split(expected), postIds(filter, RequestInfo.guest(), true));
    }

    @Test
    void appliesTheParserLimits() {
        String deep = "(".repeat(10_000) + "title = ''" + ")".repeat(10_000);
        assertThrows(BadRequest.class, () -> SQL.where(POSTS, "p", deep, RequestInfo.guest(), true));
        String longFilter = "title = '" + "x".repeat(3500) + "'";
        assertThrows(BadRequest.class, () -> SQL.where(POSTS, "p", longFilter, RequestInfo.guest(), false));
        String many = String.join(" || ", java.util.Collections.nCopies(201, "views = 1"));
        assertThrows(BadRequest.class, () -> SQL.where(POSTS, "p", many, RequestInfo.guest(), true));
    }

    @Test
    void runsTheLongestAllowedChainOnSqlite() throws SQLException {
        String many = String.join(" || ", java.util.Collections.nCopies(199, "editors.name = 'x'"))
                + " || id = 'p3'";
        assertEquals(List.of("p3"), postIds(many, RequestInfo.guest(), true));
    }

    @Test
    void keepsJoinFreeConditionsOutsideTheJoinedSubquery() throws SQLException {
        SqlFragment f = SQL.where(POSTS, "p", "id = 'p1' && author.name = 'Alice' && views > 1",
                RequestInfo.guest(), true);
        assertTrue(f.sql().startsWith("(\"p\".\"id\" = ? AND \"p\".\"views\" > ? AND EXISTS ("), f.sql());
        assertEquals(List.of("p1"), postIds("id = 'p1' && author.name = 'Alice' && views > 1",
                RequestInfo.guest(), true));
    }

    @Test
    void readsAuthFieldsMissingFromTheRequestersCollectionAsNull() throws SQLException {
        RequestInfo request = new RequestInfo(Optional.of(ALICE), "GET", Map.of(), Map.of(), Map.of(), "default");
        assertEquals(List.of("p3"), postIds("@request.auth.plan = '' && views = 0", request, true));
        assertEquals(List.of(), postIds("@request.auth.plan = 'gold'", request, true));
    }

    @Test
    void rejectsFiltersNeedingMoreJoinsThanSqliteAllows() throws SQLException {
        StringBuilder f = new StringBuilder("id != ''");
        for (int i = 0; i < 30; i++) {
            f.append(" && @collection.teams:t").append(i).append(".name ?= 'Red'");
        }
        assertEquals(List.of("p1", "p2", "p3", "p4"), postIds(f.toString(), RequestInfo.guest(), true));
        for (int i = 30; i < 70; i++) {
            f.append(" && @collection.teams:t").append(i).append(".name ?= 'Red'");
        }
        assertThrows(BadRequest.class, () -> SQL.where(POSTS, "p", f.toString(), RequestInfo.guest(), true));
    }

    @Test
    void randomFiltersBecomeValidSqlOrBadRequest() throws SQLException {
        String[] operands = {"title", "views", "published", "tags", "tags:each", "tags:length", "category:lower",
            "category:each", "author", "author.name", "author.team.name", "author.email", "editors.name",
            "editors:each", "editors:length", "editors.team.id", "comments_via_post.message",
            "comments_via_post.author.email", "meta.a.b", "meta", "loc.lat", "loc", "created", "id", "@now",
            "@todayStart", "@year", "'x'", "''", "null", "TRUE", "1", "-2.5", "'%a_'", "'\\%'",
            "@request.auth.id", "@request.auth.team.name", "@request.auth.verified", "@request.body.tags:each",
            "@request.body.title:changed", "@request.body.author.name", "@request.body.tags:length",
            "@request.query.q:isset", "@request.headers.x_token:lower", "@collection.teams.name",
            "@collection.memberships:m.user", "geoDistance(loc.lon, loc.lat, 1, 2)", "strftime('%Y', created)",
            "strftime('%m', editors.created)", "internal", "secret.code", "nope", "author.nope", "tags:nope"};
        String[] ops = {"=", "!=", ">", ">=", "<", "<=", "~", "!~", "?=", "?!=", "?>", "?>=", "?<", "?<=", "?~",
            "?!~"};
        java.util.Random random = new java.util.Random(20261201);
        RequestInfo[] requests = {RequestInfo.guest(), new RequestInfo(Optional.of(ALICE), "POST", Map.of(),
                Map.of("q", "1"), Map.of("tags", List.of("a"), "title", "t", "author", "u1"), "default")};
        int translated = 0;
        for (int n = 0; n < 1500; n++) {
            StringBuilder f = new StringBuilder();
            int comparisons = 1 + random.nextInt(4);
            for (int i = 0; i < comparisons; i++) {
                if (i > 0) {
                    f.append(random.nextBoolean() ? " && " : " || ");
                }
                boolean group = random.nextInt(4) == 0;
                f.append(group ? "(" : "").append(operands[random.nextInt(operands.length)]).append(' ')
                        .append(ops[random.nextInt(ops.length)]).append(' ')
                        .append(operands[random.nextInt(operands.length)]).append(group ? ")" : "");
            }
            boolean allowHidden = random.nextBoolean();
            RequestInfo request = requests[random.nextInt(requests.length)];
            SqlFragment where;
            try {
                where = SQL.where(POSTS, "p", f.toString(), request, allowHidden);
            } catch (BadRequest expected) {
                continue;
            }
            translated++;
            query("SELECT \"p\".id FROM posts AS \"p\" WHERE " + where.sql(), where.params());
        }
        assertTrue(translated > 300, "only " + translated + " random filters translated");
    }

    @Test
    void blankFilterMatchesEverythingButNullIsNeverAllow() throws SQLException {
        assertEquals(List.of("p1", "p2", "p3", "p4"), postIds(" ", RequestInfo.guest(), false));
        assertThrows(NullPointerException.class, () -> SQL.where(POSTS, "p", (String) null, RequestInfo.guest(), true));
        assertThrows(BadRequest.class, () -> SQL.where(POSTS, "p", "// only a comment", RequestInfo.guest(), true));
    }

    @Test
    void dropsAModifierTheFieldHasNoUseForAsUpstreamDoes() throws SQLException {
        // upstream's finalizeActivePropsProcessing reads these as the plain column instead of refusing them
        for (String modifier : List.of("each", "length", "isset", "changed")) {
            assertEquals(List.of("p1"), postIds("title:" + modifier + " = 'Hello World'", RequestInfo.guest(), true),
                    modifier);
        }
    }

    @Test
    void ignoresComments() throws SQLException {
        assertEquals(List.of("p1", "p4"), postIds("// published only\npublished = true // trailing\n",
                RequestInfo.guest(), true));
    }

    @Test
    void comparesWholeJsonValuesAsJson() throws SQLException {
        assertEquals(List.of("p2"), postIds("meta = '{\"z\":true}'", RequestInfo.guest(), true));
        assertEquals(List.of("p1", "p2", "p4"), postIds("meta != null", RequestInfo.guest(), true));
    }

    @Test
    void clientFiltersOfNonSuperusersSeeOnlyPublicEmails() throws SQLException {
        assertEquals(List.of("u1", "u2"), ids("users", "email ~ 'x.com'", RequestInfo.guest(), true));
        assertEquals(List.of("u1"), ids("users", "email ~ 'x.com'", RequestInfo.guest(), false));
        assertEquals(List.of("p1"), postIds("author.email ~ 'x.com'", RequestInfo.guest(), false));
    }

    @Test
    void clientFiltersOfNonSuperusersApplyTheListRuleOfTraversedCollections() throws SQLException {
        // teams' list rule is "name != 'Blue'": Bob's team is invisible to clients, not to rules
        assertEquals(List.of("p2"), postIds("author.team.name = 'Blue'", RequestInfo.guest(), true));
        assertEquals(List.of(), postIds("author.team.name = 'Blue'", RequestInfo.guest(), false));
        assertEquals(List.of("p1"), postIds("author.team.name = 'Red'", RequestInfo.guest(), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"internal = 'i1'", "secret.code = 'top'", "author.tokenKey = ''",
            "comments_via_post.post.internal = ''"})
    void clientFiltersOfNonSuperusersCannotReachHiddenOrLockedData(String filter) throws SQLException {
        assertThrows(BadRequest.class, () -> SQL.where(POSTS, "p", filter, RequestInfo.guest(), false));
        postIds(filter, RequestInfo.guest(), true);   // rules may
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "nope = 1 => 0",
        "title = 1 && nope.x = 2 => 13",
        "title.x = 1 => 0",
        "collectionId = 'x' => 0",
        "expand = 'x' => 0",
        "author.nope = 1 => 0",
        "nope_via_post.id = 1 => 0",
        "users_via_post.id = 1 => 0",
        "@request.nope = 1 => 0",
        "@request.method.x = 1 => 0",
        "@request.method:length = 1 => 0",
        "@request.body.nofield:changed = true => 0",
        "@collection.nope.id = 1 => 0",
        "@collection.teams = 1 => 0",
        "@nope = 1 => 0",
        "@now:lower = 1 => 0",
        "nofn(1) = 1 => 0",
        "geoDistance(1, 2, 3) = 1 => 0",
        "geoDistance(1, 2, 3, 'x') = 1 => 21",
        "strftime(created) = 1 => 9",
        "strftime('%Y', created, 5) = 1 => 24",
        "title = 'unterminated => 8",
        "a.b.c.d.e.f.g.h = 1 => 0",
    })
    void rejectsBadFiltersWithTheirPosition(String filter, int position) {
        BadRequest e = assertThrows(BadRequest.class, () -> SQL.where(POSTS, "p", filter, RequestInfo.guest(), true));
        assertEquals(position, e.position());
    }

    @Test
    void rejectsRelationPathsLongerThanSixHops() throws SQLException {
        String six = "author" + ".team".repeat(0);
        postIds(six + ".name = ''", RequestInfo.guest(), true);
        // users.team -> teams has no further relation; build a self-relation chain instead
        BaseCollection node = base("nodes0000000001", "nodes", PUBLIC, List.of(), id(),
                new RelationField(meta("next", false), false, "nodes0000000001", false, 0, 1));
        FilterSql sql = new FilterSql(k -> node.answersTo(k) ? Optional.of(node) : Optional.empty(), CLOCK);
        sql.where(node, "n", "next.next.next.next.next.next.id = ''", RequestInfo.guest(), true);
        assertThrows(BadRequest.class,
                () -> sql.where(node, "n", "next.next.next.next.next.next.next.id = ''", RequestInfo.guest(), true));
    }

    @Test
    void bindsEveryValueAsAParameter() {
        SqlFragment f = SQL.where(POSTS, "p", "title = 'x\\' OR 1=1 --' || author.name ~ \"%'\"",
                RequestInfo.guest(), true);
        assertTrue(f.params().contains("x' OR 1=1 --"));
        assertTrue(!f.sql().contains("OR 1=1"));
    }

    @Test
    void sortsByOwnAndRelatedFields() throws SQLException {
        assertEquals(List.of("p4", "p1", "p2", "p3"), sorted(List.of("-views"), true));
        assertEquals(List.of("p3", "p1", "p2", "p4"), sorted(List.of("author.name"), true));
        assertEquals(List.of("p4", "p2", "p1", "p3"), sorted(List.of("-author.name"), true));
        assertEquals(List.of("p2", "p1", "p4", "p3"), sorted(List.of("-category", "title"), true));
        assertEquals(List.of("p4", "p3", "p2", "p1"), sorted(List.of("-@rowid"), true));
        assertEquals(4, sorted(List.of("@random"), true).size());
        assertEquals(List.of("p3", "p1", "p2", "p4"), sorted(List.of("title:lower"), true));
        assertEquals("", SQL.orderBy(POSTS, "p", List.of(), RequestInfo.guest(), true).sql());
    }

    /** Issue 14 item 12: a hidden email sorts as empty (as the filter reads it); the superuser sees it. */
    @Test
    void hiddenEmailsSortAsEmpty() throws SQLException {
        assertEquals(List.of("u3", "u1", "u2"), sortedUsers("-email", false), "bob's hidden email must not order him");
        assertEquals(List.of("u2", "u1", "u3"), sortedUsers("email", false));
        assertEquals(List.of("u3", "u2", "u1"), sortedUsers("-email", true));
    }

    static List<String> sortedUsers(String sort, boolean allowHidden) throws SQLException {
        SqlFragment order = SQL.orderBy(USERS, "p", List.of(sort), RequestInfo.guest(), allowHidden);
        return query("SELECT \"p\".id FROM users AS \"p\" WHERE \"p\".id IN ('u1', 'u2', 'u3') ORDER BY "
                + order.sql() + ", \"p\".id", order.params());
    }

    @Test
    void rejectsBadSorts() {
        for (List<String> sort : List.of(List.of("nope"), List.of("internal"), List.of(""), List.of("@now"),
                List.of("true"), List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), List.of("secret.code"))) {
            assertThrows(BadRequest.class, () -> SQL.orderBy(POSTS, "p", sort, RequestInfo.guest(), false),
                    sort::toString);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    static List<String> postIds(String filter, RequestInfo request, boolean allowHidden) throws SQLException {
        return ids("posts", filter, request, allowHidden);
    }

    static List<String> ids(String table, String filter, RequestInfo request, boolean allowHidden)
            throws SQLException {
        Collection c = ALL.stream().filter(x -> x.name().equals(table)).findFirst().orElseThrow();
        SqlFragment where = SQL.where(c, "p", filter, request, allowHidden);
        return query("SELECT \"p\".id FROM " + table + " AS \"p\" WHERE " + where.sql() + " ORDER BY \"p\".id",
                where.params());
    }

    static List<String> sorted(List<String> sort, boolean allowHidden) throws SQLException {
        SqlFragment order = SQL.orderBy(POSTS, "p", sort, RequestInfo.guest(), allowHidden);
        return query("SELECT \"p\".id FROM posts AS \"p\" ORDER BY " + order.sql(), order.params());
    }

    static List<String> query(String sql, List<Object> params) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                st.setObject(i + 1, params.get(i));
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n" + sql + "\n" + params, e);
        }
    }

    static List<String> split(String expected) {
        return expected == null ? List.of() : Arrays.asList(expected.trim().split("\\s+"));
    }

    static void exec(String... statements) throws SQLException {
        try (Statement st = db.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static FieldMeta meta(String name, boolean hidden) {
        return new FieldMeta("f_" + name, name, false, hidden, false, "");
    }

    static TextField id() {
        return new TextField(new FieldMeta("f_id", "id", true, false, true, ""), true, 15, 15, "^[a-z0-9]+$",
                "[a-z0-9]{15}", true);
    }

    static TextField text(String name, boolean hidden) {
        return new TextField(meta(name, hidden), false, 0, 0, "", "", false);
    }

    static TokenConfig token() {
        return new TokenConfig("secret", 3600);
    }

    static BaseCollection base(String id, String name, CollectionRules rules, List<String> indexes,
                               Field... fields) {
        return new BaseCollection(id, name, false, List.of(fields), rules, indexes, "", "");
    }

    static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
