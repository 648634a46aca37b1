package dev.locket.application.service.collection;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.SqlLists;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.types.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Infers a view collection's fields from its SELECT (collections-and-fields §8), the way PocketBase
 * does: the select list and the FROM/JOIN tables are read loosely from the query text, and each
 * result column the database reports becomes a field — a copy of the collection field it was taken
 * from, a relation for an aliased collection id, a number/text/bool for counts and casts, else json.
 */
final class ViewSchema {
    /** Thrown with PocketBase's raw reason when a query cannot back a view. */
    static final class InvalidViewQuery extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidViewQuery(String message) {
            super(message);
        }
    }

    static final String MISSING_ID = "missing required id column (you can use `(ROW_NUMBER() OVER()) as id` if you "
            + "don't have one)";

    private static final Pattern COMMENTS = Pattern.compile("(?m)(/\\*[\\s\\S]*?\\*/)|(--.+$)");
    private static final Pattern CAST = Pattern.compile("(?is)^cast\\s*\\(.*\\s+as\\s+(\\w+)\\s*\\)$");
    private static final String CLONE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** A select-list column or FROM/JOIN table: the expression as written and the name it goes by. */
    record Identifier(String original, String alias) {
    }

    /** The loosely parsed parts of a SELECT. */
    record Parsed(List<Identifier> columns, List<Identifier> tables) {
    }

    private ViewSchema() {
    }

    /** The query trimmed of blanks and trailing semicolons; more than one statement is rejected. */
    static String normalize(String query) {
        String q = query == null ? "" : query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        if (SqlLists.split(q, ";", false).size() > 1) {
            throw new InvalidViewQuery("multiple statements are not supported");
        }
        return q;
    }

    /**
     * The view's fields: one per result column (as {@code columns}, the database's names, lists them),
     * typed from what the select list says about that column.
     */
    static List<Field> infer(String query, List<String> columns, Function<String, Optional<Collection>> byName,
                             RandomGenerator random) {
        Map<String, Field> suggested = suggest(parse(query), byName, random);
        List<Field> out = new ArrayList<>();
        boolean hasId = false;
        for (String column : columns) {
            hasId |= column.equals("id");
            Field f = suggested.get(column);
            if (f == null) {
                f = column.equals("id") ? idField() : json(column);
            }
            out.add(f);
        }
        if (!hasId) {
            throw new InvalidViewQuery(MISSING_ID);
        }
        return out;
    }

    /** The primary key of a view: plain text, no length limits, PocketBase's default id pattern. */
    static TextField idField() {
        return new TextField(new FieldMeta(Ids.fieldId("text", "id"), "id", true, false, false, ""), true, 0, 0,
                TextField.DEFAULT_ID_PATTERN, "", true);
    }

    private static Field json(String name) {
        return new JsonField(meta("json", name), false, 1);
    }

    private static FieldMeta meta(String type, String name) {
        return new FieldMeta(Ids.fieldId(type, name), name, false, false, false, "");
    }

    private static Map<String, Field> suggest(Parsed parsed, Function<String, Optional<Collection>> byName,
                                              RandomGenerator random) {
        Map<String, Collection> tables = new LinkedHashMap<>();
        for (Identifier t : parsed.tables()) {
            if (!t.original().contains("(")) {
                byName.apply(t.original()).filter(c -> c.name().equalsIgnoreCase(t.original()))
                        .ifPresent(c -> tables.put(t.alias(), c));
            }
        }
        String mainAlias = parsed.tables().isEmpty() ? null : parsed.tables().get(0).alias();
        Map<String, Field> out = new LinkedHashMap<>();
        for (Identifier col : parsed.columns()) {
            String alias = col.alias();
            if (alias.isEmpty()) {
                continue;
            }
            String lower = col.original().toLowerCase(Locale.ROOT);
            if (alias.equals("id")) {
                out.put(alias, idField());
                continue;
            }
            if (lower.startsWith("count(")) {
                out.put(alias, new NumberField(meta("number", alias), false, null, null, true));
                continue;
            }
            if (lower.startsWith("total(")) {
                out.put(alias, new NumberField(meta("number", alias), false, null, null, false));
                continue;
            }
            Matcher cast = CAST.matcher(lower);
            if (cast.matches()) {
                Field f = switch (cast.group(1)) {
                    case "real", "decimal", "numeric" -> new NumberField(meta("number", alias), false, null, null, false);
                    case "int", "integer" -> new NumberField(meta("number", alias), false, null, null, true);
                    case "text" -> new TextField(meta("text", alias), false, 0, 0, "", "", false);
                    case "bool", "boolean" -> new BoolField(meta("bool", alias), false);
                    default -> null;
                };
                if (f != null) {
                    out.put(alias, f);
                    continue;
                }
            }
            String[] parts = col.original().split("\\.");
            String fieldName;
            Collection collection;
            if (parts.length == 2) {
                fieldName = parts[1];
                collection = tables.get(parts[0]);
            } else {
                fieldName = parts[0];
                collection = mainAlias == null ? null : tables.get(mainAlias);
            }
            if (collection == null) {
                out.put(alias, json(alias));
                continue;
            }
            if (fieldName.equals("*")) {
                throw new InvalidViewQuery("dynamic column names are not supported");
            }
            Optional<Field> source = collection.fields().stream()
                    .filter(f -> f.name().equalsIgnoreCase(fieldName)).findFirst();
            if (source.isEmpty()) {
                out.put(alias, json(alias));
            } else if (source.get().name().equals("id")) {
                out.put(alias, new RelationField(meta("relation", alias), false, collection.id(), false, 0, 1));
            } else {
                // A fresh id per copy: the same source field may be selected under several aliases.
                out.put(alias, copy(source.get(), "_clone_" + Ids.random(random, CLONE_ALPHABET, 4), alias));
            }
        }
        return out;
    }

    /** The field with a new id and name, every option kept. */
    static Field copy(Field f, String id, String name) {
        return f.withMeta(f.meta().withId(id).withName(name));
    }

    /** The select list and the FROM/JOIN tables of a query, read as loosely as PocketBase reads them. */
    static Parsed parse(String query) {
        String s = normalize(query);
        s = COMMENTS.matcher(s).replaceAll("");
        StringBuilder select = new StringBuilder();
        StringBuilder from = new StringBuilder();
        StringBuilder join = new StringBuilder();
        StringBuilder active = null;
        boolean skip = false;
        String part = "";
        for (String token : SqlLists.split(s, ", \n\t\r", true)) {
            String word = token.strip().toLowerCase(Locale.ROOT);
            switch (word) {
                case "select" -> {
                    skip = false;
                    part = "select";
                    active = select;
                }
                case "distinct" -> {
                    // not relevant for the identifiers
                }
                case "from" -> {
                    skip = false;
                    part = "from";
                    active = from;
                }
                // Keywords are only seen outside parentheses: a subquery is one token.
                case "left", "right", "full", "inner", "outer", "cross", "natural" -> {
                    // join qualifiers
                }
                case "join" -> {
                    skip = false;
                    if (part.equals("join")) {
                        join.append(',');
                    }
                    part = "join";
                    active = join;
                }
                case "on", "using", "where", "group", "having", "order", "limit", "window", "with" -> skip = true;
                default -> {
                    if (!skip && active != null) {
                        active.append(' ').append(token);
                    }
                }
            }
        }
        List<Identifier> tables = new ArrayList<>(identifiers(from.toString()));
        tables.addAll(identifiers(join.toString()));
        return new Parsed(identifiers(select.toString()), tables);
    }

    private static List<Identifier> identifiers(String raw) {
        List<Identifier> out = new ArrayList<>();
        for (String item : SqlLists.split(raw, ",", false)) {
            List<String> parts = new ArrayList<>();
            for (String p : SqlLists.split(item, " \n\t\r", false)) {
                if (!p.isBlank()) {
                    parts.add(p.strip());
                }
            }
            if (parts.isEmpty()) {
                continue;
            }
            String original;
            String alias;
            int n = parts.size();
            if (n == 1) {
                original = parts.get(0);
                String[] segments = original.split("\\.");
                alias = segments.length == 0 ? original : segments[segments.length - 1];
            } else if (n >= 3 && parts.get(n - 2).equalsIgnoreCase("as")) {
                original = String.join(" ", parts.subList(0, n - 2));
                alias = parts.get(n - 1);
            } else if (n == 2) {
                original = parts.get(0);
                alias = parts.get(1);
            } else {
                // An expression without "as": nothing tells which column it becomes.
                original = String.join(" ", parts);
                alias = "";
            }
            out.add(new Identifier(trimIdentifier(original, "`\"[];"), trimIdentifier(alias, "`\"[];'")));
        }
        return out;
    }

    private static String trimIdentifier(String raw, String chars) {
        String[] segments = raw.split("\\.", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = trim(segments[i], chars);
        }
        return String.join(".", segments);
    }

    private static String trim(String s, String chars) {
        int a = 0;
        int b = s.length();
        while (a < b && chars.indexOf(s.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && chars.indexOf(s.charAt(b - 1)) >= 0) {
            b--;
        }
        return s.substring(a, b);
    }
}
