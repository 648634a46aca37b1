package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.FixtureCollections;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture's own rules and a few filters, translated by FilterSql and run on a copy of its data.db. */
class FilterSqlFixtureIT {

    @TempDir
    static Path dir;
    static Connection db;
    static List<Collection> collections;
    static FilterSql sql;

    @BeforeAll
    static void open() throws IOException, SQLException {
        Path copy = dir.resolve("data.db");
        Files.copy(TestDirs.fixture().resolve("data.db"), copy);
        db = DriverManager.getConnection("jdbc:sqlite:" + copy);
        collections = FixtureCollections.rows().stream().map(CollectionRows::read).toList();
        sql = new FilterSql(key -> collections.stream().filter(c -> c.answersTo(key)).findFirst());
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void demo5ListRuleCountsSelectedValues() throws SQLException {
        assertEquals(List.of("qjeql998mtp1azp"), ids("demo5", rule("demo5", true), RequestInfo.guest(), true));
    }

    @Test
    void demo5ViewRuleNeedsEveryValueAlongFourHops() throws SQLException {
        // qjeql998mtp1azp reaches one demo3 record with one file, but also empty hops (length 0)
        assertEquals(List.of(), ids("demo5", rule("demo5", false), RequestInfo.guest(), true));
        assertEquals(List.of("qjeql998mtp1azp"), ids("demo5",
                "rel_many.self_rel_many.rel_many_cascade.files:length ?= 1", RequestInfo.guest(), true));
    }

    @Test
    void demo3RuleWrappedInCommentsNeedsANonUserAuth() throws SQLException {
        String rule = rule("demo3", true);
        assertEquals(List.of(), ids("demo3", rule, RequestInfo.guest(), true));
        assertEquals(List.of(), ids("demo3", rule, as("users", "4q1xlclmfloku33"), true));
        assertEquals(List.of("1tmknxy2868d869", "7nwo8tuiatetxdm", "lcl9d87w22ml6jy", "mk5fmymtx4wsprk"),
                ids("demo3", rule, as("clients", "gk390qegs4y47wn"), true));
    }

    @Test
    void view1RuleWorksOnTheView() throws SQLException {
        assertEquals(List.of(), ids("view1", rule("view1", true), RequestInfo.guest(), true));
        assertEquals(List.of("84nmscqy84lsi1t"), ids("view1", rule("view1", true), as("users", "4q1xlclmfloku33"),
                true));
    }

    @Test
    void clientFiltersOnEmailsSeeOnlyVisibleOnes() throws SQLException {
        assertEquals(List.of("4q1xlclmfloku33", "bgs820n361vj1qd", "oap640cot4yru2s"),
                ids("users", "email ~ 'test'", RequestInfo.guest(), true));
        assertEquals(List.of("bgs820n361vj1qd"), ids("users", "email ~ 'test'", RequestInfo.guest(), false));
    }

    @Test
    void filtersOverStoredValuesOfEveryKind() throws SQLException {
        RequestInfo guest = RequestInfo.guest();
        assertEquals(List.of("al1h9ijdeojtsjy"), ids("demo1", "rel_many.email ?~ 'test3'", guest, true));
        assertEquals(List.of("al1h9ijdeojtsjy", "imy661ixudk5izi"), ids("demo1", "point.lat > 40", guest, true));
        assertEquals(List.of("84nmscqy84lsi1t"), ids("demo1", "json.0 = 1", guest, true));
        assertEquals(List.of("84nmscqy84lsi1t"), ids("demo1", "select_many:each ?= 'optionC'", guest, true));
        assertEquals(List.of("84nmscqy84lsi1t"), ids("demo1", "bool = true && number > 1000", guest, true));
        assertEquals(List.of("al1h9ijdeojtsjy"),
                ids("demo1", "geoDistance(point.lon, point.lat, 23.32, 42.69) < 5", guest, true));
        assertEquals(List.of("84nmscqy84lsi1t"), ids("demo1", "datetime >= '2022-10-01'", guest, true));
        assertEquals(List.of("4q1xlclmfloku33", "bgs820n361vj1qd", "oap640cot4yru2s"),
                ids("users", "demo1_via_rel_many.id ?= 'al1h9ijdeojtsjy'", guest, true));
        assertEquals(List.of("oap640cot4yru2s"),
                ids("users", "demo1_via_rel_many.id ?= '84nmscqy84lsi1t'", guest, true));
        assertEquals(List.of("4q1xlclmfloku33"), ids("users", "rel.title = 'test1'", guest, true));
    }

    @Test
    void clientFiltersCannotHopIntoCollectionsWithoutListAccess() {
        // demo1's list rule is superusers-only
        assertThrows(BadRequest.class,
                () -> sql.where(collection("users"), "r", "demo1_via_rel_many.id != ''", RequestInfo.guest(), false));
    }

    static String rule(String name, boolean list) {
        Collection c = collection(name);
        AccessRule r = list ? c.rules().list() : c.rules().view();
        return r.raw();
    }

    static Collection collection(String name) {
        return collections.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static RequestInfo as(String collection, String id) {
        Record auth = new Record(collection(collection), Map.of("id", id));
        return new RequestInfo(Optional.of(auth), "GET", Map.of(), Map.of(), Map.of(), "default");
    }

    static List<String> ids(String table, String filter, RequestInfo request, boolean allowHidden)
            throws SQLException {
        SqlFragment where = sql.where(collection(table), "r", filter, request, allowHidden);
        String query = "SELECT \"r\".\"id\" FROM " + FilterSql.quote(table) + " AS \"r\" WHERE " + where.sql()
                + " ORDER BY \"r\".\"id\"";
        try (PreparedStatement st = db.prepareStatement(query)) {
            for (int i = 0; i < where.params().size(); i++) {
                st.setObject(i + 1, where.params().get(i));
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
