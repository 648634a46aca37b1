package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory the packaged jar creates from nothing is a PocketBase v0.39 data directory: the tables of
 * the system collections have the columns, types, defaults, keys and indexes PocketBase gives them (compared
 * with the fixture, which PocketBase wrote); {@code _collections}, {@code _params}, {@code _migrations} and
 * auxiliary.db's {@code _logs} have the shape v0.39's init migrations create (the fixture, a directory upgraded
 * from older versions, keeps older shapes of these four: other defaults and column order, a legacy
 * {@code _logs.updated} column and indexes, an auxiliary {@code _migrations} table); the migration history
 * lists v0.39's system migrations; the system collections are defined as PocketBase defines them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PbDataSchemaIT {
    private static final List<String> SYSTEM_COLLECTIONS = List.of("_superusers", "_externalAuths", "_mfas", "_otps",
            "_authOrigins");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RANDOM_ID = "'r'||lower(hex(randomblob(7)))";
    private static final String NOW = "strftime('%Y-%m-%d %H:%M:%fZ')";

    private Path fresh;
    private Path fixture;

    @BeforeAll
    void createBoth(@TempDir Path tmp) throws Exception {
        Class.forName("org.sqlite.JDBC"); // the test class path's driver (the jar's lives in its own loader)
        fresh = tmp.resolve("fresh/pb_data");
        try (JarLocket server = JarLocket.serve(fresh)) {
            assertFalse(server.port == 0);
        }
        fixture = tmp.resolve("fixture/pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), fixture);
    }

    @Test
    void theSystemCollectionTablesAreThoseOfThePocketBaseFixture() throws Exception {
        for (String table : SYSTEM_COLLECTIONS) {
            assertEquals(schema(fixture, "data.db", table), schema(fresh, "data.db", table), table);
        }
        assertEquals(List.of(), rows(fresh, "data.db", "SELECT name FROM sqlite_master WHERE type = 'trigger'"));
        assertEquals(rows(fixture, "data.db", "SELECT name FROM sqlite_master WHERE type = 'trigger'"),
                rows(fresh, "data.db", "SELECT name FROM sqlite_master WHERE type = 'trigger'"));
    }

    @Test
    void theInternalTablesHaveTheShapeOfPocketBasesInitMigration() throws Exception {
        // migrations/1640988000_init.go and the migrations runner's table
        assertEquals(List.of(col("id", "TEXT", 1, RANDOM_ID, 1), col("system", "BOOLEAN", 1, "FALSE", 0),
                        col("type", "TEXT", 1, "\"base\"", 0), col("name", "TEXT", 1, null, 0),
                        col("fields", "JSON", 1, "\"[]\"", 0), col("indexes", "JSON", 1, "\"[]\"", 0),
                        col("listRule", "TEXT", 0, "NULL", 0), col("viewRule", "TEXT", 0, "NULL", 0),
                        col("createRule", "TEXT", 0, "NULL", 0), col("updateRule", "TEXT", 0, "NULL", 0),
                        col("deleteRule", "TEXT", 0, "NULL", 0), col("options", "JSON", 1, "\"{}\"", 0),
                        col("created", "TEXT", 1, NOW, 0), col("updated", "TEXT", 1, NOW, 0)),
                columns(fresh, "data.db", "_collections"));
        assertEquals(List.of(col("id", "TEXT", 1, RANDOM_ID, 1), col("value", "JSON", 0, "NULL", 0),
                col("created", "TEXT", 1, NOW, 0), col("updated", "TEXT", 1, NOW, 0)), columns(fresh, "data.db", "_params"));
        for (String table : List.of("_collections", "_params", "_migrations")) {
            // the fixture's older shape has the same columns and types, in another order with other defaults
            assertEquals(namesAndTypes(fixture, "data.db", table), namesAndTypes(fresh, "data.db", table), table);
        }
        assertEquals(schema(fixture, "data.db", "_migrations"), schema(fresh, "data.db", "_migrations"));
        assertEquals(index(fixture, "data.db", "idx__collections_type"), index(fresh, "data.db", "idx__collections_type"));
        assertEquals(List.of(List.of("_collections", "idx__collections_type"), List.of("_collections",
                        "sqlite_autoindex__collections_1"), List.of("_collections", "sqlite_autoindex__collections_2")),
                rows(fresh, "data.db", "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'"
                        + " AND tbl_name = '_collections' ORDER BY name"));
    }

    @Test
    void theAuxiliaryDatabaseHoldsTheLogsTableOfTheAuxInitMigration() throws Exception {
        // migrations/1640988000_aux_init.go: no updated column; the three idx_logs_* indexes, as in the fixture
        assertEquals(List.of(col("id", "TEXT", 1, RANDOM_ID, 1), col("level", "INTEGER", 1, "0", 0),
                col("message", "TEXT", 1, "\"\"", 0), col("data", "JSON", 1, "\"{}\"", 0),
                col("created", "TEXT", 1, NOW, 0)), columns(fresh, "auxiliary.db", "_logs"));
        for (String ix : List.of("idx_logs_level", "idx_logs_message", "idx_logs_created_hour")) {
            assertEquals(index(fixture, "auxiliary.db", ix), index(fresh, "auxiliary.db", ix), ix);
        }
        assertEquals(List.of(List.of("_logs")), rows(fresh, "auxiliary.db",
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
        assertEquals(List.of(), rows(fresh, "auxiliary.db", "SELECT name FROM sqlite_master WHERE type = 'trigger'"));
    }

    @Test
    void theMigrationHistoryListsPocketBasesSystemMigrations() throws Exception {
        List<List<String>> applied = rows(fresh, "data.db", "SELECT file FROM _migrations ORDER BY file");
        assertEquals(List.of(List.of("1640988000_aux_init.go"), List.of("1640988000_init.go"),
                List.of("1717233556_v0.23_migrate.go"), List.of("1717233557_v0.23_migrate2.go"),
                List.of("1717233558_v0.23_migrate3.go"), List.of("1717233559_v0.23_migrate4.go"),
                List.of("1763020353_update_default_auth_alert_templates.go"),
                List.of("1778828400_normalize_indexes.go")), applied);
        // the same names PocketBase recorded in the fixture (which also lists older and test-only migrations)
        List<List<String>> fixtureApplied = rows(fixture, "data.db", "SELECT file FROM _migrations ORDER BY file");
        assertTrue(fixtureApplied.containsAll(applied), fixtureApplied.toString());
    }

    @Test
    void theSystemCollectionsAreDefinedAsPocketBaseDefinesThem() throws Exception {
        String system = "SELECT id, name, type, system, listRule, viewRule, createRule, updateRule, deleteRule, fields,"
                + " indexes, options FROM _collections WHERE name IN ('_superusers', '_externalAuths', '_mfas',"
                + " '_otps', '_authOrigins') ORDER BY id";
        List<List<String>> want = rows(fixture, "data.db", system);
        List<List<String>> got = rows(fresh, "data.db", system);
        assertEquals(5, want.size());
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(comparable(want.get(i)), comparable(got.get(i)), want.get(i).get(1));
        }
        // upstream's defaults for a new auth collection, with the superusers' one-day auth token of its migration
        JsonNode options = JSON.readTree(rows(fresh, "data.db",
                "SELECT options FROM _collections WHERE name = '_superusers'").get(0).get(0));
        assertEquals(List.of(600, 180, 86400, 1800, 1800, 86400, 180), java.util.stream.Stream.of("mfa", "otp",
                "authToken", "passwordResetToken", "emailChangeToken", "verificationToken", "fileToken")
                .map(k -> options.get(k).get("duration").asInt()).toList());
    }

    private static List<String> col(String name, String type, int notNull, String dflt, int pk) {
        return java.util.Arrays.asList(name, type, String.valueOf(notNull), dflt, String.valueOf(pk));
    }

    private static List<List<String>> columns(Path dir, String db, String table) throws SQLException {
        return rows(dir, db, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo('" + table
                + "') ORDER BY cid");
    }

    private static List<List<String>> namesAndTypes(Path dir, String db, String table) throws SQLException {
        return rows(dir, db, "SELECT name, type, pk FROM pragma_table_xinfo('" + table + "') ORDER BY name");
    }

    private static List<Object> index(Path dir, String db, String name) throws SQLException {
        return List.of(rows(dir, db, "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = '" + name + "'"),
                rows(dir, db, "SELECT seqno, name, \"desc\", coll, key FROM pragma_index_xinfo('" + name
                        + "') ORDER BY seqno"));
    }

    /**
     * What defines a system collection: id, name, type, rules, each field's id, name, type and flags, what each
     * index indexes (not its name or the table name it was written with: the fixture's definitions carry names
     * from older PocketBase versions) and which options it has (the fixture's durations are test settings).
     */
    private static List<String> comparable(List<String> row) throws Exception {
        List<String> out = new ArrayList<>(row.subList(0, 9));
        List<String> fields = new ArrayList<>();
        for (JsonNode f : JSON.readTree(row.get(9))) {
            fields.add(f.path("id").asText() + " " + f.path("name").asText() + " " + f.path("type").asText()
                    + " system=" + f.path("system").asBoolean() + " hidden=" + f.path("hidden").asBoolean()
                    + " required=" + f.path("required").asBoolean() + " pk=" + f.path("primaryKey").asBoolean());
        }
        java.util.Collections.sort(fields); // by id: fields added by later migrations sit last in the fixture
        out.addAll(fields);
        List<String> indexes = new ArrayList<>();
        for (JsonNode ix : JSON.readTree(row.get(10))) {
            String sql = ix.asText().replaceAll("[`\"\\s]+", " ").trim();
            indexes.add((sql.toUpperCase(java.util.Locale.ROOT).startsWith("CREATE UNIQUE") ? "unique " : "")
                    + sql.substring(sql.indexOf('(')).replace(" ", ""));
        }
        java.util.Collections.sort(indexes);
        out.add(indexes.toString());
        JsonNode options = JSON.readTree(row.get(11));
        List<String> keys = new ArrayList<>();
        options.fieldNames().forEachRemaining(keys::add);
        java.util.Collections.sort(keys);
        out.add(keys.toString());
        return out;
    }

    /**
     * Columns (as table_xinfo lists them), then the indexes by what they index: uniqueness, partial flag, key
     * columns with order and collation, WHERE clause. Index names are left out: PocketBase names an auth index
     * after the collection id it had when the index was made, which in the fixture is an older one.
     */
    private static Map<String, Object> schema(Path dir, String db, String table) throws SQLException {
        Map<String, Object> out = new TreeMap<>();
        // by name: a fresh directory has them in name order, the fixture has columns added later at the end
        out.put("columns", rows(dir, db, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo('"
                + table + "') ORDER BY name"));
        List<String> indexes = new ArrayList<>();
        for (List<String> ix : rows(dir, db, "SELECT name, \"unique\", origin, partial FROM pragma_index_list('"
                + table + "')")) {
            List<List<String>> keys = rows(dir, db, "SELECT name, \"desc\", coll FROM pragma_index_xinfo('"
                    + ix.get(0) + "') WHERE key = 1 ORDER BY seqno");
            List<List<String>> sql = rows(dir, db, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '"
                    + ix.get(0) + "'");
            String where = sql.isEmpty() || sql.get(0).get(0) == null ? ""
                    : sql.get(0).get(0).replaceAll("(?is)^.*?\\)\\s*(WHERE\\s+.*)?$", "$1").replace("`", "");
            indexes.add(ix.subList(1, 4) + " " + keys + " " + where);
        }
        java.util.Collections.sort(indexes);
        out.put("indexes", indexes);
        return out;
    }

    private static List<List<String>> rows(Path dir, String db, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(db));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.add(v == null ? null : v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                            : v.toString());
                }
                out.add(row);
            }
        }
        return out;
    }
}
