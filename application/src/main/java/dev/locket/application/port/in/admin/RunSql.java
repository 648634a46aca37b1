package dev.locket.application.port.in.admin;

import dev.locket.domain.rule.RequestInfo;
import java.util.List;

/** {@code POST /api/sql}: the superuser SQL console (admin-and-ops §6). */
public interface RunSql {

    int MAX_QUERY_LENGTH = 5000;
    int MAX_ROWS = 1000;

    /** One result column: name, declared type, whether it may hold NULL. */
    record Column(String name, String type, boolean nullable) {
    }

    /** The console's answer; a write fills only {@code affectedRows}, a read only columns and rows. */
    record Result(long execTime, long affectedRows, List<Column> columns, List<List<String>> rows) {
        public Result {
            columns = List.copyOf(columns);
            rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
        }
    }

    Result run(String query, RequestInfo request);
}
