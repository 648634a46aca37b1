package dev.locket.adapters.sqlite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A piece of SQL with its {@code ?} parameters, in the order they are bound. */
public record SqlFragment(String sql, List<Object> params) {

    public static final SqlFragment EMPTY = new SqlFragment("", List.of());

    public SqlFragment {
        Objects.requireNonNull(sql);
        // parameters may be NULL, so no List.copyOf
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, java.util.Arrays.asList(params));
    }

    /** This fragment followed by the others, parameters kept in text order. */
    SqlFragment then(Object... parts) {
        StringBuilder sb = new StringBuilder(sql);
        List<Object> all = new ArrayList<>(params);
        for (Object part : parts) {
            if (part instanceof SqlFragment f) {
                sb.append(f.sql);
                all.addAll(f.params);
            } else {
                sb.append((String) part);
            }
        }
        return new SqlFragment(sb.toString(), all);
    }

    /** Joins fragments with a separator. */
    static SqlFragment join(String separator, List<SqlFragment> parts) {
        StringBuilder sb = new StringBuilder();
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(parts.get(i).sql);
            all.addAll(parts.get(i).params);
        }
        return new SqlFragment(sb.toString(), all);
    }

    boolean isEmpty() {
        return sql.isEmpty();
    }
}
