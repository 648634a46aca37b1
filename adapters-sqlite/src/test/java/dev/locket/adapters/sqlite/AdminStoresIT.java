package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.BackupStore;
import dev.locket.application.port.out.LogEntry;
import dev.locket.application.port.out.LogStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.SqlConsole;
import dev.locket.domain.error.BadRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin/ops stores on a copy of the fixture: _logs, the SQL console, backups and the data archive. */
class AdminStoresIT {
    @TempDir
    Path tmp;
    Path dir;
    SqliteAdapter adapter;

    @BeforeEach
    void open() {
        dir = TestDirs.copyFixture(tmp.resolve("pb_data"));
        try {
            // Files and folders beside the databases, as the real fixture has them.
            Files.createDirectories(dir.resolve("storage/col/rec"));
            Files.writeString(dir.resolve("storage/col/rec/a.txt"), "a");
            Files.createDirectories(dir.resolve("lost+found"));
            Files.writeString(dir.resolve("lost+found/test.txt"), "x");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        adapter = SqliteAdapter.open(dir, TestDirs.CLOCK);
    }

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    @Test
    void logsAreListedFilteredSortedCountedAndPurged() {
        LogStore logs = adapter.logStore();
        // The fixture's own entry is there.
        assertEquals("zqj48gjhf7zj0nk", logs.find("zqj48gjhf7zj0nk").orElseThrow().id());
        logs.insert(List.of(
                new LogEntry("log000000000001", "2024-05-01 10:15:00.000Z", 0, "GET /api/a",
                        Map.of("type", "request", "status", 200, "auth", "_superusers")),
                new LogEntry("log000000000002", "2024-05-01 10:45:00.000Z", 8, "GET /api/b",
                        Map.of("type", "request", "status", 404, "auth", "")),
                new LogEntry("log000000000003", "2024-05-01 11:05:00.000Z", 4, "warning", Map.of("x", 1))));

        Page<LogEntry> errors = logs.list("data.status >= 400", List.of(), 1, 30, false);
        assertEquals(1, errors.totalItems());
        assertEquals("log000000000002", errors.items().getFirst().id());
        assertEquals(404, ((Number) errors.items().getFirst().data().get("status")).intValue());

        Page<LogEntry> byLevel = logs.list("created < '2025-01-01'", List.of("-level"), 1, 2, false);
        assertEquals(3, byLevel.totalItems());
        assertEquals(2, byLevel.totalPages());
        assertEquals(List.of("log000000000002", "log000000000003"),
                byLevel.items().stream().map(LogEntry::id).toList());
        assertEquals(List.of(new LogStore.HourlyCount("2024-05-01 10:00:00.000Z", 2),
                        new LogStore.HourlyCount("2024-05-01 11:00:00.000Z", 1)),
                logs.stats("created < '2025-01-01'"));
        assertThrows(BadRequest.class, () -> logs.list("nope = 1", List.of(), 1, 30, false));
        assertThrows(BadRequest.class, () -> logs.stats("(("));

        assertEquals(1, logs.deleteBelowLevel(1) - 1); // the fixture's info entry and log 1
        assertEquals(1, logs.deleteCreatedBefore("2024-05-01 11:00:00.000Z"));
        assertEquals(List.of("log000000000003"),
                logs.list("", List.of(), 1, 30, true).items().stream().map(LogEntry::id).toList());
    }

    @Test
    void sqlConsoleWritesInOneTransactionAndReadsAsText() {
        Console console = new Console(adapter.sqlConsole());
        assertEquals(1, console.write("create table test_sql(id int primary key, name text);"
                + "insert into test_sql(id, name) values (1, 'a;b')"));
        SqlConsole.QueryFailed failed = assertThrows(SqlConsole.QueryFailed.class,
                () -> console.write("insert into test_sql(id) values (2); invalid"));
        assertTrue(failed.getMessage().startsWith("SQL logic error: near \"invalid\": syntax error"),
                failed.getMessage());
        SqlConsole.Rows rows = console.query("select id, name, null as empty from test_sql order by id", 1000);
        assertEquals(List.of("id", "name", "empty"), rows.columns().stream().map(SqlConsole.Column::name).toList());
        assertEquals("INT", rows.columns().getFirst().type());
        // upstream's driver reports the declared type as written (upper-cased), "" for an expression, and every
        // column as nullable
        assertEquals(List.of(new SqlConsole.Column("1", "", true)), console.query("select 1", 1).columns());
        assertEquals(List.of(new SqlConsole.Column("file", "VARCHAR(255)", true),
                        new SqlConsole.Column("n", "", true)),
                console.query("select file, count(*) as n from _migrations", 1).columns());
        assertEquals("TEXT", console.query("select name as alias from test_sql", 1).columns().getFirst().type());
        // The failed batch was rolled back: row 2 is not there.
        assertEquals(List.of(Arrays.asList("1", "a;b", null)), rows.rows());
        assertEquals(2, console.query("select 1 union all select 2 union all select 3", 2).rows().size());
        assertThrows(SqlConsole.QueryFailed.class, () -> console.query("select * from missing_table", 10));
    }

    /** The two ways the tests call the console: for a count, or for rows. */
    private record Console(SqlConsole console) {
        long write(String sql) {
            SqlConsole.Outcome o = console.run(sql, 0);
            assertEquals(List.of(), o.rows().columns(), "a write answers no rows");
            return o.affectedRows();
        }

        SqlConsole.Rows query(String sql, int maxRows) {
            SqlConsole.Outcome o = console.run(sql, maxRows);
            assertEquals(0, o.affectedRows(), "a read changes nothing");
            return o.rows();
        }
    }

    /**
     * Issue 14 item 7: SQLite, not the first keyword, decides what writes. A CTE'd or commented write runs on
     * the writer and reports its true count; a list of reads answers the last one's rows (as upstream); a read
     * followed by a write runs whole in one transaction, never half.
     */
    @Test
    void sqlConsoleLetsSqliteTellWritesFromReads() {
        Console console = new Console(adapter.sqlConsole());
        console.write("create table t(id int primary key)");
        assertEquals(3, console.write("insert into t(id) values (1), (2), (3)"));
        assertEquals(1, console.write("WITH x AS (SELECT 1) DELETE FROM t WHERE id = 1"));
        assertEquals(2, console.write("/* c; 'x' */ UPDATE t SET id = id + 10"));
        assertEquals(2, console.write("  -- note\n update t set id = id - 10"));
        assertEquals(List.of(List.of("2")), console.query("select 1; select 2", 10).rows());
        assertEquals(List.of(List.of("a;b")), console.query("select 'a;b' -- x;y\n", 10).rows());
        assertEquals(2, console.write("SELECT 1; DELETE FROM t"));
        assertEquals(List.of(List.of("0")), console.query("select count(*) from t", 10).rows());
        // pragmas cannot lift the read-only open flag: the write goes to the writer and is counted
        assertEquals(1, console.write("PRAGMA query_only = 0; insert into t(id) values (7)"));
        SqlConsole.QueryFailed half = assertThrows(SqlConsole.QueryFailed.class,
                () -> console.write("insert into t(id) values (8); select * from missing_table"));
        assertTrue(half.getMessage().contains("no such table"), half.getMessage());
        assertEquals(List.of(List.of("7")), console.query("select id from t", 10).rows(), "the failed batch rolled back");
        assertThrows(SqlConsole.QueryFailed.class, () -> console.write("backup to " + dir.resolve("copy.db")));
    }

    @Test
    void backupsHoldAZipOfTheDataDirWithoutBackupsOrTemporaryFolders() throws Exception {
        BackupStore backups = adapter.backupStore();
        assertEquals(List.of(), backups.list());
        backups.write("one.zip", adapter.dataArchive()::writeZip);
        assertTrue(backups.exists("one.zip"));
        assertFalse(backups.exists("../data.db"));
        BackupStore.BackupFile file = backups.list().getFirst();
        assertEquals("one.zip", file.key());
        assertTrue(file.size() > 1000);

        List<String> names = new ArrayList<>();
        try (InputStream in = backups.open("one.zip").orElseThrow(); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                names.add(e.getName());
                assertEquals(ZipEntry.DEFLATED, e.getMethod());
            }
        }
        assertTrue(names.contains("data.db"), names.toString());
        assertTrue(names.contains("auxiliary.db"), names.toString());
        assertTrue(names.contains("storage/col/rec/a.txt"), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("backups/") || n.startsWith("lost+found")),
                names.toString());
        assertTrue(backups.delete("one.zip"));
        assertFalse(backups.delete("one.zip"));
    }

    @Test
    void restoreSwapsTheDataDirContentAndKeepsTheBackupsFolder() throws Exception {
        adapter.backupStore().write("keep.zip", out -> out.write("PK\5\6".getBytes(StandardCharsets.ISO_8859_1)));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (var out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("data.db"));
            out.write("restored".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("storage/c/r/file.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        adapter.dataArchive().restore(new ByteArrayInputStream(zip.toByteArray()));
        adapter.close();
        adapter = null;
        assertEquals("restored", Files.readString(dir.resolve("data.db")));
        assertEquals("hello", Files.readString(dir.resolve("storage/c/r/file.txt")));
        assertFalse(Files.exists(dir.resolve("auxiliary.db")));
        assertTrue(Files.exists(dir.resolve("backups/keep.zip")));
        assertTrue(Files.isDirectory(dir.resolve("lost+found")));
    }

    @Test
    void aRestoreWithoutDataDbChangesNothing() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (var out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("other.txt"));
            out.write(1);
        }
        assertThrows(java.io.IOException.class,
                () -> adapter.dataArchive().restore(new ByteArrayInputStream(zip.toByteArray())));
        assertTrue(Files.size(dir.resolve("data.db")) > 1000);
        assertFalse(Files.exists(dir.resolve("other.txt")));
    }
}
