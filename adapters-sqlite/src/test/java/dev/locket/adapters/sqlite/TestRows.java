package dev.locket.adapters.sqlite;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.field.Field;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RuleCases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Writes a record straight into its table (fields it lacks get their stored blank), for rule tests. */
final class TestRows {
    private static final Columns COLUMNS = new Columns(new JsonText());

    private TestRows() {
    }

    static void insert(Connection db, Record record) throws SQLException {
        Collection c = record.collection();
        List<String> names = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Field f : c.fields()) {
            names.add(Columns.quote(f.name()));
            params.add(COLUMNS.toSql(f, record.values().containsKey(f.name()) ? record.get(f.name())
                    : Columns.blank(f)));
        }
        String sql = "INSERT OR REPLACE INTO " + Columns.quote(c.name()) + " (" + String.join(", ", names)
                + ") VALUES (" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            Columns.bindAll(ps, params);
            ps.executeUpdate();
        }
    }

    /**
     * A database file under {@code dir} holding the rule case table's collections (tables and indexes) and
     * records, left in manual-commit mode so each test can roll back what it writes.
     */
    static Connection caseDatabase(Path dir, RuleCases table) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
        for (Collection c : table.collections()) {
            SqliteCollectionStore.createTable(db, c);
            SqliteCollectionStore.createIndexes(db, c);
        }
        for (List<Record> records : table.store().values()) {
            for (Record r : records) {
                insert(db, r);
            }
        }
        db.setAutoCommit(false);
        return db;
    }
}
