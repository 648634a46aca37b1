package dev.locket.domain.collection;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text (view queries, index column lists) at separators that stand outside SQL quotes
 * ({@code '…'}, {@code "…"}, {@code `…`}, {@code […]}) and parentheses.
 */
public final class SqlLists {
    private SqlLists() {
    }

    /**
     * Splits at any of {@code separators} outside quotes, brackets and parentheses; with
     * {@code keep} each separator stays at the end of the piece before it.
     */
    public static List<String> split(String s, String separators, boolean keep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"', '`' -> quote = c;
                case '[' -> quote = ']';
                case '(' -> depth++;
                case ')' -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
            if (quote == 0 && depth == 0 && separators.indexOf(c) >= 0) {
                if (keep) {
                    cur.append(c);
                }
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString());
        }
        return out;
    }
}
