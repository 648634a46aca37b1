package dev.locket.domain.collection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code CREATE [UNIQUE] INDEX} statement of a collection's {@code indexes} list: the name,
 * the table (replaced by the collection name, as PocketBase normalises it), the column list and the
 * optional WHERE clause. Used both to validate submitted indexes and to build the DDL.
 */
public record IndexDefinition(boolean unique, String name, String table, String columnsSql, String where) {

    /** Parses a statement; empty when it is not a CREATE INDEX the adapter understands. */
    public static Optional<IndexDefinition> parse(String sql) {
        if (sql == null) {
            return Optional.empty();
        }
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        Scanner s = new Scanner(trimmed);
        if (!s.keyword("CREATE")) {
            return Optional.empty();
        }
        boolean unique = s.keyword("UNIQUE");
        if (!s.keyword("INDEX")) {
            return Optional.empty();
        }
        if (s.keyword("IF")) {
            if (!s.keyword("NOT") || !s.keyword("EXISTS")) {
                return Optional.empty();
            }
        }
        String name = s.identifier();
        if (name == null || !s.keyword("ON")) {
            return Optional.empty();
        }
        String table = s.identifier();
        if (table == null) {
            return Optional.empty();
        }
        String columns = s.parenthesized();
        if (columns == null || columns.isBlank()) {
            return Optional.empty();
        }
        String where = "";
        if (s.keyword("WHERE")) {
            where = s.rest().strip();
            if (where.isEmpty()) {
                return Optional.empty();
            }
        } else if (!s.rest().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new IndexDefinition(unique, name, table, columns.strip(), where));
    }

    /**
     * The first unique index over {@code column} alone (upstream's {@code FindSingleColumnUniqueIndex}, which the
     * identity lookups consult).
     */
    public static Optional<IndexDefinition> uniqueOn(List<String> indexes, String column) {
        for (String sql : indexes) {
            Optional<IndexDefinition> ix = parse(sql).filter(IndexDefinition::unique)
                    .filter(i -> i.columns().equals(List.of(column)));
            if (ix.isPresent()) {
                return ix;
            }
        }
        return Optional.empty();
    }

    /** Whether the (single) indexed column is compared {@code COLLATE NOCASE}. */
    public boolean caseInsensitive() {
        return columnsSql.toUpperCase(Locale.ROOT).matches("(?s).*\\sCOLLATE\\s+NOCASE\\b.*");
    }

    /** The statement to run for a collection named {@code tableName}. */
    public String build(String tableName) {
        StringBuilder sb = new StringBuilder("CREATE ");
        if (unique) {
            sb.append("UNIQUE ");
        }
        sb.append("INDEX ").append(quote(name)).append(" ON ").append(quote(tableName))
                .append(" (").append(columnsSql).append(')');
        if (!where.isEmpty()) {
            sb.append(" WHERE ").append(where);
        }
        return sb.toString();
    }

    /**
     * The plain column names of the index (quotes, COLLATE and ASC/DESC removed); expression
     * parts are returned as written.
     */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (String part : SqlLists.split(columnsSql, ",", false)) {
            out.add(cleanColumn(part));
        }
        return out;
    }

    /**
     * Whether this is a UNIQUE index over exactly {@code column} (a COLLATE clause or a WHERE filter
     * allowed), which is what identity fields and single back-relations require upstream.
     */
    public boolean uniqueOn(String column) {
        if (!unique) {
            return false;
        }
        List<String> cols = columns();
        return cols.size() == 1 && cols.getFirst().equalsIgnoreCase(column);
    }

    private static String cleanColumn(String part) {
        String p = part.strip();
        String upper = p.toUpperCase(Locale.ROOT);
        for (String suffix : List.of(" ASC", " DESC")) {
            if (upper.endsWith(suffix)) {
                p = p.substring(0, p.length() - suffix.length()).strip();
                upper = p.toUpperCase(Locale.ROOT);
            }
        }
        int collate = upper.indexOf(" COLLATE ");
        if (collate > 0) {
            p = p.substring(0, collate).strip();
        }
        return unquote(p);
    }

    /**
     * The definition without its name, lower-cased and with blanks collapsed: two indexes with the
     * same signature are duplicates (PocketBase's {@code validation_duplicated_index_definition}).
     */
    public String signature() {
        String cols = String.join(",", columns()).toLowerCase(Locale.ROOT);
        return (unique ? "unique " : "") + cols.replaceAll("\\s+", " ") + " where "
                + where.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String unquote(String s) {
        if (s.length() >= 2) {
            char a = s.charAt(0);
            char b = s.charAt(s.length() - 1);
            if ((a == '`' && b == '`') || (a == '"' && b == '"') || (a == '[' && b == ']') || (a == '\'' && b == '\'')) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }

    /** A small forward-only tokenizer over the statement text. */
    private static final class Scanner {
        private final String s;
        private int pos;

        Scanner(String s) {
            this.s = s;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean keyword(String word) {
            skipSpace();
            int end = pos + word.length();
            if (end <= s.length() && s.regionMatches(true, pos, word, 0, word.length())
                    && (end == s.length() || !isWordChar(s.charAt(end)))) {
                pos = end;
                return true;
            }
            return false;
        }

        String identifier() {
            skipSpace();
            if (pos >= s.length()) {
                return null;
            }
            char c = s.charAt(pos);
            char close = switch (c) {
                case '`' -> '`';
                case '"' -> '"';
                case '[' -> ']';
                case '\'' -> '\'';
                default -> 0;
            };
            if (close != 0) {
                int end = s.indexOf(close, pos + 1);
                if (end < 0) {
                    return null;
                }
                String id = s.substring(pos + 1, end);
                pos = end + 1;
                return id;
            }
            int start = pos;
            while (pos < s.length() && isWordChar(s.charAt(pos))) {
                pos++;
            }
            return pos == start ? null : s.substring(start, pos);
        }

        String parenthesized() {
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != '(') {
                return null;
            }
            int depth = 0;
            char quote = 0;
            int start = pos + 1;
            for (; pos < s.length(); pos++) {
                char c = s.charAt(pos);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                    continue;
                }
                switch (c) {
                    case '`', '"', '\'' -> quote = c;
                    case '[' -> quote = ']';
                    case '(' -> depth++;
                    case ')' -> {
                        depth--;
                        if (depth == 0) {
                            String inner = s.substring(start, pos);
                            pos++;
                            return inner;
                        }
                    }
                    default -> {
                    }
                }
            }
            return null;
        }

        String rest() {
            String r = s.substring(Math.min(pos, s.length()));
            pos = s.length();
            return r;
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }
    }
}
