package dev.locket.application.service;

import dev.locket.domain.error.BadRequest;
import dev.locket.domain.rule.RuleParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A small subset of the filter language evaluated in memory, for lists that do not live in a
 * record table (the collections list) and for test fakes: comparisons {@code = != > >= < <= ~ !~}
 * (and their {@code ?} any-of forms) between identifiers, quoted text, numbers, {@code true},
 * {@code false} and {@code null}, combined with {@code &&}, {@code ||} and parentheses. Anything
 * else, and identifiers the lookup does not know, is a {@link BadRequest}.
 */
public final class InMemoryFilter {
    private final List<String> tokens;
    private final Function<String, Optional<Object>> lookup;
    private int pos;
    private int depth;

    private InMemoryFilter(List<String> tokens, Function<String, Optional<Object>> lookup) {
        this.tokens = tokens;
        this.lookup = lookup;
    }

    /** Whether {@code filter} holds; an empty filter always does. {@code lookup} resolves identifiers. */
    public static boolean matches(String filter, Function<String, Optional<Object>> lookup) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        InMemoryFilter f = new InMemoryFilter(tokenize(filter), lookup);
        boolean result = f.or();
        if (f.pos != f.tokens.size()) {
            throw new BadRequest();
        }
        return result;
    }

    private boolean or() {
        boolean result = and();
        while (peek("||")) {
            pos++;
            boolean right = and();
            result = result || right;
        }
        return result;
    }

    private boolean and() {
        boolean result = unary();
        while (peek("&&")) {
            pos++;
            boolean right = unary();
            result = result && right;
        }
        return result;
    }

    private boolean unary() {
        if (peek("(")) {
            pos++;
            // The same nesting bound as the rule parser, so hostile input cannot exhaust the stack.
            if (++depth > RuleParser.MAX_DEPTH) {
                throw new BadRequest();
            }
            boolean result = or();
            expect(")");
            depth--;
            return result;
        }
        Object left = operand();
        String op = next();
        if (!List.of("=", "!=", ">", ">=", "<", "<=", "~", "!~", "?=", "?!=", "?>", "?>=", "?<", "?<=", "?~", "?!~")
                .contains(op)) {
            throw new BadRequest();
        }
        Object right = operand();
        boolean any = op.startsWith("?");
        String base = any ? op.substring(1) : op;
        if (left instanceof List<?> list) {
            if (list.isEmpty()) {
                return compare(null, base, right) || (base.equals("=") && right instanceof String s && s.isEmpty());
            }
            for (Object item : list) {
                boolean ok = compare(item, base, right);
                if (any && ok) {
                    return true;
                }
                if (!any && !ok) {
                    return false;
                }
            }
            return !any;
        }
        return compare(left, base, right);
    }

    private static boolean compare(Object left, String op, Object right) {
        return switch (op) {
            case "=" -> equal(left, right);
            case "!=" -> !equal(left, right);
            case "~" -> text(left).toLowerCase(Locale.ROOT).contains(text(right).toLowerCase(Locale.ROOT));
            case "!~" -> !text(left).toLowerCase(Locale.ROOT).contains(text(right).toLowerCase(Locale.ROOT));
            default -> {
                int c = order(left, right);
                yield switch (op) {
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    case "<" -> c < 0;
                    default -> c <= 0;
                };
            }
        };
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return truthy(a) == truthy(b);
        }
        return text(a).equals(text(b));
    }

    private static int order(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return text(a).compareTo(text(b));
    }

    private static boolean truthy(Object v) {
        return Boolean.TRUE.equals(v) || "true".equals(v) || (v instanceof Number n && n.doubleValue() != 0);
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        return v.toString();
    }

    private Object operand() {
        String t = next();
        char c = t.charAt(0);
        if (c == '\'' || c == '"') {
            return t.substring(1);
        }
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        if (t.equals("null")) {
            return null;
        }
        if (Character.isDigit(c) || (c == '-' && t.length() > 1)) {
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new BadRequest();
            }
        }
        if (Character.isLetter(c) || c == '_' || c == '@') {
            return lookup.apply(t).orElseThrow(BadRequest::new);
        }
        throw new BadRequest();
    }

    private boolean peek(String t) {
        return pos < tokens.size() && tokens.get(pos).equals(t);
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new BadRequest();
        }
        return tokens.get(pos++);
    }

    private void expect(String t) {
        if (!peek(t)) {
            throw new BadRequest();
        }
        pos++;
    }

    /** Tokens; quoted text becomes its quote character followed by the unescaped content. */
    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder sb = new StringBuilder().append(c);
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < s.length() && s.charAt(i + 1) == c) {
                        sb.append(c);
                        i += 2;
                    } else if (d == c) {
                        i++;
                        closed = true;
                        break;
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new BadRequest();
                }
                out.add(sb.toString());
            } else if (s.startsWith("&&", i) || s.startsWith("||", i)) {
                out.add(s.substring(i, i + 2));
                i += 2;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if ("=!<>~?".indexOf(c) >= 0) {
                int j = i;
                while (j < s.length() && "=!<>~?".indexOf(s.charAt(j)) >= 0) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || "_.@:-".indexOf(s.charAt(j)) >= 0)) {
                    j++;
                }
                if (j == i) {
                    throw new BadRequest();
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
