package dev.locket.domain.text;

import dev.locket.domain.error.BadRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits comma lists of the query parameters ({@code sort}, {@code fields}) at top-level commas only, so
 * commas inside function arguments ({@code geoDistance(a,b,c,d)}, {@code :excerpt(200,true)}) or quoted
 * text stay part of their item.
 */
public final class CommaList {

    private CommaList() {
    }

    /**
     * The trimmed, non-empty items of {@code list} ({@code null} gives none). Unbalanced parentheses or
     * quotes are not an error here: whatever reads the items reports them.
     */
    public static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String item : scan(list == null ? "" : list, false)) {
            if (!item.isEmpty()) {
                out.add(item);
            }
        }
        return out;
    }

    /**
     * Every trimmed item of {@code list}, empty ones included (so argument positions stay), for lists
     * whose syntax must be whole.
     *
     * @throws BadRequest (the generic 400) on unbalanced parentheses or an unterminated quote
     */
    public static List<String> splitStrict(String list) {
        return scan(list == null ? "" : list, true);
    }

    private static List<String> scan(String list, boolean strict) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < list.length(); i++) {
            char ch = list.charAt(i);
            if (quote != 0) {
                if (ch == quote && list.charAt(i - 1) != '\\') {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                if (depth == 0 && strict) {
                    throw new BadRequest();
                }
                // A stray ')' must not hide the commas after it.
                depth = Math.max(0, depth - 1);
            } else if (ch == ',' && depth == 0) {
                out.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(ch);
        }
        if (strict && (depth != 0 || quote != 0)) {
            throw new BadRequest();
        }
        out.add(current.toString().strip());
        return out;
    }
}
