package dev.locket.adapters.sqlite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Joins of one correlated subquery of {@link FilterSql}'s translation (aliases {@code __f<n>} from a counter the
 * whole translation shares), shared by key so the same path reuses the same joined row, as upstream's
 * registerJoin does by alias.
 */
final class FilterJoins {
    private final Map<String, String> aliases = new LinkedHashMap<>();
    final List<SqlFragment> clauses = new ArrayList<>();
    private final int[] counter;

    FilterJoins(int[] counter) {
        this.counter = counter;
    }

    /** Set whenever a join is asked for, so callers can tell which conditions depend on joins. */
    boolean used;

    String join(String key, Function<String, SqlFragment> clause) {
        used = true;
        String existing = aliases.get(key);
        if (existing != null) {
            return existing;
        }
        String alias = "__f" + (++counter[0]);
        aliases.put(key, alias);
        clauses.add(clause.apply(alias));
        return alias;
    }

    boolean isEmpty() {
        return clauses.isEmpty();
    }

    /** {@code SELECT 1 FROM (SELECT 1) LEFT JOIN …}: an always-one-row base the joins hang off. */
    SqlFragment from() {
        return SqlFragment.of("SELECT 1 ").then(fromClause());
    }

    SqlFragment fromClause() {
        return SqlFragment.of("FROM (SELECT 1) AS \"__base\"").then(
                clauses.stream().map(c -> SqlFragment.of(" ").then(c)).toArray());
    }
}
