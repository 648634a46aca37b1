package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.domain.error.BadRequest;
import dev.locket.domain.rule.RuleCases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the domain's shared rule case table ({@code rules/cases.json}) through the SQL translation on a real
 * SQLite file: tables built from the same collection definitions, the case's record inserted, and the rule
 * must select it exactly when the table says it matches (the in-memory evaluator is held to the same table).
 */
class RuleCasesIT {

    static final RuleCases TABLE = RuleCases.load();
    static final FilterSql SQL = new FilterSql(TABLE::collection, TABLE.clock());

    @TempDir
    static Path dir;
    static Connection db;

    static List<RuleCases.Case> cases() {
        return TABLE.cases();
    }

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = TestRows.caseDatabase(dir, TABLE);
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selectsTheRecordExactlyWhenTheRuleMatches(RuleCases.Case c) throws SQLException {
        FilterSql sql = c.clock() == TABLE.clock() ? SQL : new FilterSql(TABLE::collection, c.clock());
        if (c.expect() == null) {
            assertThrows(BadRequest.class, () -> sql.where(c.collection(), "r", c.rule(), c.storeRequest(), !c.client()));
            return;
        }
        try {
            TestRows.insert(db, c.record());
            SqlFragment where = sql.where(c.collection(), "r", c.rule(), c.storeRequest(), !c.client());
            String query = "SELECT \"r\".\"id\" FROM " + FilterSql.quote(c.collection().name()) + " AS \"r\" WHERE "
                    + where.sql();
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement(query)) {
                Columns.bindAll(ps, where.params());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            assertEquals(c.expect(), ids.contains(c.record().id()), c + " " + query + " " + where.params());
        } finally {
            db.rollback();
        }
    }
}
