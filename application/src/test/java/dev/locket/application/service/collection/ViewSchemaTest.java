package dev.locket.application.service.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.application.service.collection.ViewSchema.Identifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewSchemaTest {

    @Test
    void readsColumnsAndTablesWithAliasesJoinsAndClauses() {
        ViewSchema.Parsed p = ViewSchema.parse("SELECT DISTINCT a.id, a.`title` AS headline, b.name n,\n"
                + " count(b.id) as total, (select 1 from x where y) as sub -- comment\n"
                + "FROM posts a LEFT JOIN users AS b ON b.id = a.author INNER JOIN tags t on t.id = a.tag\n"
                + "WHERE a.id != '' GROUP BY a.id ORDER BY a.id LIMIT 10;");

        assertEquals(List.of(new Identifier("a.id", "id"), new Identifier("a.title", "headline"),
                new Identifier("b.name", "n"), new Identifier("count(b.id)", "total"),
                new Identifier("(select 1 from x where y)", "sub")), p.columns());
        assertEquals(List.of(new Identifier("posts", "a"), new Identifier("users", "b"), new Identifier("tags", "t")),
                p.tables());
    }

    @Test
    void anUnaliasedExpressionSuggestsNothing() {
        ViewSchema.Parsed p = ViewSchema.parse("select id, views + 1 from posts");
        assertEquals(new Identifier("views + 1", ""), p.columns().get(1));
    }

    @Test
    void onlyOneStatementIsAccepted() {
        assertEquals("select 1 as id", ViewSchema.normalize("  select 1 as id ;; "));
        assertEquals("select ';' as id", ViewSchema.normalize("select ';' as id"));
        assertThrows(ViewSchema.InvalidViewQuery.class, () -> ViewSchema.normalize("select 1 as id; drop table x"));
    }
}
