package dev.locket.adapters.sqlite;

import dev.locket.domain.collection.IndexDefinition;
import java.util.List;
import java.util.Optional;

/**
 * A collection index as the adapter runs it: the domain's parsed {@link IndexDefinition}, rebuilt on
 * the collection's table (PocketBase ignores the table named in the statement).
 */
record IndexSql(IndexDefinition definition) {

    /** Parses a statement; empty when it is not a CREATE INDEX the domain understands. */
    static Optional<IndexSql> parse(String sql) {
        return IndexDefinition.parse(sql).map(IndexSql::new);
    }

    boolean unique() {
        return definition.unique();
    }

    String name() {
        return definition.name();
    }

    String table() {
        return definition.table();
    }

    String where() {
        return definition.where();
    }

    List<String> columns() {
        return definition.columns();
    }

    /** The statement to run for a collection named {@code tableName}. */
    String build(String tableName) {
        return definition.build(tableName);
    }
}
