package dev.locket.domain.rule.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * One value of the rule language: {@code null}, {@code Long} (INTEGER), {@code Double} (REAL) or
 * {@code String} (TEXT), plus the affinity of the expression that produced it.
 *
 * <p>Why SQLite's value semantics are the rule engine's model: PocketBase defines no evaluator of its own. Its
 * rules and filters are compiled to SQLite SQL (tools/search/filter.go, core/record_field_resolver*.go), so
 * what a rule means is whatever SQLite answers: its type affinities and comparison order, NULL's three-valued
 * logic, ASCII-only LOWER and LIKE, json_each/json_extract. The in-memory evaluator computes with these values
 * so that it answers exactly as the store's SQL translation does; the adapter follows SQLite by being SQLite.
 */
public record RuleValue(Object value, Affinity affinity) {

    /** SQLite expression affinities that matter for comparisons. */
    public enum Affinity {
        /** Not a column: bound parameters, literals, function results, CASE. */
        NONE,
        /** A column without a declared type (json_each's columns). */
        BLOB,
        /** A TEXT column. */
        TEXT,
        /** A NUMERIC column (PocketBase's NUMERIC, BOOLEAN and JSON columns). */
        NUMERIC
    }

    public static final RuleValue NULL = new RuleValue(null, Affinity.NONE);
    public static final RuleValue EMPTY = new RuleValue("", Affinity.NONE);

    public static RuleValue of(Object value) {
        return new RuleValue(value, Affinity.NONE);
    }

    public boolean isNull() {
        return value == null;
    }

    /**
     * A value stored into a NUMERIC column: numeric texts become numbers, integral reals integers (an
     * {@code Integer} the rule language's {@code Long}).
     */
    public static Object numericStorage(Object v) {
        Object n = v instanceof String s ? parseNumber(s) : v;
        if (n == null) {
            return v;
        }
        if (n instanceof Integer i) {
            return i.longValue();
        }
        if (n instanceof Double d && d == Math.rint(d) && d > -9.223372036854776E18 && d < 9.223372036854776E18) {
            return (long) d.doubleValue();
        }
        return n;
    }

    /**
     * A text SQLite's numeric affinity turns into a number (surrounding whitespace, sign, digits, one dot,
     * exponent), or null. Integer forms that fit 64 bits give a Long, everything else a Double.
     */
    public static Object parseNumber(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        int i = start;
        if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        boolean integral = true;
        while (i < end && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
            i++;
            digits++;
        }
        if (i < end && text.charAt(i) == '.') {
            integral = false;
            i++;
            while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            integral = false;
            i++;
            if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return null;
            }
        }
        if (i != end) {
            return null;
        }
        String number = text.substring(start, end);
        if (integral) {
            try {
                return Long.parseLong(number.startsWith("+") ? number.substring(1) : number);
            } catch (NumberFormatException tooLarge) {
                return Double.parseDouble(number);
            }
        }
        return Double.parseDouble(number);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** SQLite's text form of a value ({@code sqlite3_value_text}); null stays null. */
    public static String text(Object v) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Long l -> Long.toString(l);
            case Double d -> realText(d);
            default -> v.toString();
        };
    }

    /**
     * How SQLite prints a REAL: 15 significant digits when they read back exactly, else 17; exponent form
     * below 1e-4 or from 1e17 on; always a fractional part or exponent.
     */
    public static String realText(double d) {
        if (Double.isNaN(d)) {
            return null;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Inf" : "-Inf";
        }
        if (d == 0) {
            return "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal rounded = exact.round(new MathContext(15, RoundingMode.HALF_EVEN));
        if (rounded.doubleValue() != d) {
            rounded = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        rounded = rounded.stripTrailingZeros();
        String digits = rounded.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 17) {
            String mantissa = digits.length() == 1 ? digits + ".0" : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.valueOf(Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
        }
        String plain = rounded.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /** SQLite's LOWER() without ICU: ASCII letters only. */
    public static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    // --- comparisons ------------------------------------------------------------------------------

    /** The affinity SQLite applies to both operands of a comparison (sqlite3CompareAffinity). */
    private static Affinity comparisonAffinity(Affinity a, Affinity b) {
        if (a != Affinity.NONE && b != Affinity.NONE) {
            return a == Affinity.NUMERIC || b == Affinity.NUMERIC ? Affinity.NUMERIC : Affinity.BLOB;
        }
        return a == Affinity.NONE ? b : a;
    }

    /** Both operands after the comparison affinity was applied. */
    private static Object[] converted(RuleValue l, RuleValue r) {
        Object a = l.value;
        Object b = r.value;
        Affinity aff = comparisonAffinity(l.affinity, r.affinity);
        if (aff == Affinity.NUMERIC) {
            if (a instanceof String s && parseNumber(s) != null) {
                a = parseNumber(s);
            }
            if (b instanceof String s && parseNumber(s) != null) {
                b = parseNumber(s);
            }
        } else if (aff == Affinity.TEXT && (a instanceof String || b instanceof String)) {
            a = a instanceof Number ? text(a) : a;
            b = b instanceof Number ? text(b) : b;
        }
        return new Object[] {a, b};
    }

    /** SQLite's ordering of two non-null values: numbers before texts, texts by code point (UTF-8 bytes). */
    private static int order(Object a, Object b) {
        boolean an = a instanceof Number;
        boolean bn = b instanceof Number;
        if (an && bn) {
            if (a instanceof Long x && b instanceof Long y) {
                return Long.compare(x, y);
            }
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            if (Double.isInfinite(x) || Double.isInfinite(y)) {
                return Double.compare(x, y);
            }
            return toDecimal(a).compareTo(toDecimal(b));
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        String x = (String) a;
        String y = (String) b;
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Boolean.compare(i < x.length(), j < y.length());
    }

    private static BigDecimal toDecimal(Object n) {
        return n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(((Number) n).doubleValue());
    }

    /** {@code l op r} for = and the ordering operators: TRUE, FALSE or NULL (as {@link Truth}). */
    public static int compare(RuleValue l, RuleValue r, String op) {
        if (l.isNull() || r.isNull()) {
            return Truth.N;
        }
        Object[] v = converted(l, r);
        int c = order(v[0], v[1]);
        boolean result = switch (op) {
            case "=" -> c == 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            default -> throw new IllegalArgumentException(op);
        };
        return Truth.of(result);
    }

    /** {@code l IS r}: null-safe equality, never NULL. */
    public static int is(RuleValue l, RuleValue r) {
        if (l.isNull() || r.isNull()) {
            return Truth.of(l.isNull() && r.isNull());
        }
        Object[] v = converted(l, r);
        return Truth.of(order(v[0], v[1]) == 0);
    }

    // --- LIKE -------------------------------------------------------------------------------------

    /** {@code value LIKE pattern ESCAPE '\'}: ASCII case-insensitive, {@code %}, {@code _}. */
    public static int like(Object value, Object pattern) {
        if (value == null || pattern == null) {
            return Truth.N;
        }
        int[] s = codePoints(text(value));
        int[] p = codePoints(text(pattern));
        return Truth.of(match(p, 0, s, 0) == MATCH);
    }

    private static final int MATCH = 0;
    private static final int NO_MATCH = 1;
    private static final int NO_WILDCARD_MATCH = 2;

    private static int[] codePoints(String s) {
        int nul = s.indexOf('\0');
        // SQLite's LIKE reads C strings: a NUL ends the text
        return (nul >= 0 ? s.substring(0, nul) : s).codePoints().toArray();
    }

    /** SQLite's patternCompare with '%', '_' and the escape '\'. */
    private static int match(int[] p, int pi, int[] s, int si) {
        while (pi < p.length) {
            int c = p[pi++];
            if (c == '%') {
                while (pi < p.length && (p[pi] == '%' || p[pi] == '_')) {
                    if (p[pi] == '_') {
                        if (si >= s.length) {
                            return NO_WILDCARD_MATCH;
                        }
                        si++;
                    }
                    pi++;
                }
                if (pi >= p.length) {
                    return MATCH;
                }
                c = p[pi++];
                if (c == '\\') {
                    if (pi >= p.length) {
                        return NO_WILDCARD_MATCH;
                    }
                    c = p[pi++];
                }
                while (si < s.length) {
                    int c2 = s[si++];
                    if (c2 != c && !(c < 0x80 && c2 < 0x80 && lower(c) == lower(c2))) {
                        continue;
                    }
                    int m = match(p, pi, s, si);
                    if (m != NO_MATCH) {
                        return m;
                    }
                }
                return NO_WILDCARD_MATCH;
            }
            boolean escaped = false;
            if (c == '\\') {
                if (pi >= p.length) {
                    return NO_MATCH;
                }
                c = p[pi++];
                escaped = true;
            }
            if (si >= s.length) {
                return NO_MATCH;
            }
            int c2 = s[si++];
            if (c == c2) {
                continue;
            }
            if (c < 0x80 && c2 < 0x80 && lower(c) == lower(c2)) {
                continue;
            }
            if (c == '_' && !escaped) {
                continue;
            }
            return NO_MATCH;
        }
        return si >= s.length ? MATCH : NO_MATCH;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** SQL three-valued logic over sets of possible outcomes (bit set of TRUE, FALSE, NULL). */
    public static final class Truth {
        public static final int T = 1;
        public static final int F = 2;
        public static final int N = 4;
        /** Unknown: any of the three (the answer needs the store). */
        public static final int ANY = 7;

        private Truth() {
        }

        public static int of(boolean b) {
            return b ? T : F;
        }

        public static int and(int a, int b) {
            int out = 0;
            for (int x = 1; x <= 4; x <<= 1) {
                for (int y = 1; y <= 4; y <<= 1) {
                    if ((a & x) != 0 && (b & y) != 0) {
                        out |= x == F || y == F ? F : x == N || y == N ? N : T;
                    }
                }
            }
            return out;
        }

        public static int or(int a, int b) {
            int out = 0;
            for (int x = 1; x <= 4; x <<= 1) {
                for (int y = 1; y <= 4; y <<= 1) {
                    if ((a & x) != 0 && (b & y) != 0) {
                        out |= x == T || y == T ? T : x == N || y == N ? N : F;
                    }
                }
            }
            return out;
        }

        public static int not(int a) {
            return ((a & T) != 0 ? F : 0) | ((a & F) != 0 ? T : 0) | (a & N);
        }
    }
}
