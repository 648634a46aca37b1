package dev.locket.domain.field;

import dev.locket.domain.json.GoFloats;
import dev.locket.domain.json.Json;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.types.GeoPoint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The lenient conversions PocketBase applies to submitted values (Go's {@code spf13/cast} and
 * {@code list.ToUniqueStringSlice}): odd input is coerced, never rejected.
 */
public final class Casts {
    private static final Pattern GO_FLOAT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Casts() {
    }

    /** Go's {@code cast.ToString}: scalars as text, anything else (lists, objects, null) as {@code ""}. */
    public static String toText(Object raw) {
        return switch (raw) {
            case null -> "";
            case String s -> s;
            case Boolean b -> b.toString();
            case Double d -> Json.plainFloat(d);
            case Float f -> Json.plainFloat(f.doubleValue());
            case BigDecimal bd -> bd.toPlainString();
            case Number n -> n.toString();
            case RawJson j -> j.text();
            case GeoPoint p -> geoPointJson(p);
            default -> "";
        };
    }

    /** Go's {@code cast.ToFloat64}: unparsable text, lists, objects and null become 0; true is 1. */
    public static double toNumber(Object raw) {
        return switch (raw) {
            case null -> 0;
            case Number n -> n.doubleValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> parseGoFloat(s);
            default -> 0;
        };
    }

    /**
     * Go's {@code strconv.ParseFloat} on its decimal forms plus {@code inf}/{@code infinity}/{@code nan}
     * (case-insensitive); anything else, including out-of-range values, becomes 0.
     */
    static double parseGoFloat(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        if (!GO_FLOAT.matcher(s).matches()) {
            return 0;
        }
        double d = Double.parseDouble(s);
        // Go reports a range error for overflow, which cast turns into 0
        return Double.isInfinite(d) ? 0 : d;
    }

    /** Go's {@code cast.ToBool}: {@code strconv.ParseBool} spellings, non-zero numbers; else false. */
    public static boolean toBool(Object raw) {
        return switch (raw) {
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0 || Double.isNaN(n.doubleValue());
            case String s -> switch (s) {
                case "1", "t", "T", "TRUE", "true", "True" -> true;
                default -> false;
            };
            case null, default -> false;
        };
    }

    /**
     * PocketBase's {@code list.ToUniqueStringSlice}: a list (items cast to text), a string (split when it
     * holds a JSON array of strings), or nothing; empty strings dropped, duplicates removed, first
     * occurrence order kept.
     */
    public static List<String> uniqueStrings(Object raw) {
        List<String> items = new ArrayList<>();
        switch (raw) {
            case null -> {
            }
            case String s -> {
                if (s.isEmpty()) {
                    break;
                }
                List<String> parsed = s.contains("[") ? stringArray(s) : null;
                if (parsed != null) {
                    items.addAll(parsed);
                } else {
                    items.add(s);
                }
            }
            case Iterable<?> list -> {
                for (Object item : list) {
                    items.add(toText(item));
                }
            }
            default -> {
                // a lone number, bool or object is not a string slice upstream
            }
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String item : items) {
            if (!item.isEmpty()) {
                unique.add(item);
            }
        }
        return List.copyOf(unique);
    }

    /** The strings of a JSON array text (nulls count as empty strings), or null when it is not one. */
    private static List<String> stringArray(String s) {
        Object parsed;
        try {
            parsed = Json.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!(parsed instanceof List<?> list)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (item == null) {
                out.add("");
            } else if (item instanceof String str) {
                out.add(str);
            } else {
                return null;
            }
        }
        return out;
    }

    /**
     * Whether a PocketBase (RE2) pattern is found anywhere in the value. Unparsable patterns never match,
     * as Go's {@code regexp.MatchString} then reports no match.
     */
    public static boolean patternFound(String pattern, String value) {
        try {
            return Pattern.compile(toJavaRegex(pattern)).matcher(new BudgetedText(value)).find();
        } catch (PatternSyntaxException | StackOverflowError | BudgetedText.Exhausted e) {
            return false;
        }
    }

    /**
     * Upstream's RE2 runs in linear time; Java's backtracking engine can take exponential time on a
     * pattern like {@code (a+)+$}. Counting character reads bounds the work per value (a value that
     * exhausts the budget is treated as not matching).
     */
    private static final class BudgetedText implements CharSequence {
        private static final long BUDGET = 20_000_000L;

        private final String text;
        private final long[] reads;

        BudgetedText(String text) {
            this(text, new long[1]);
        }

        private BudgetedText(String text, long[] reads) {
            this.text = text;
            this.reads = reads;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (++reads[0] > BUDGET) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), reads);
        }

        @Override
        public String toString() {
            return text;
        }

        /** Thrown when a match attempt has read more characters than the budget allows. */
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("regex budget exhausted", null, false, false);
            }
        }
    }

    /**
     * RE2 to {@code java.util.regex}: named groups use {@code (?<name>)}, and an unescaped {@code $}
     * outside classes means end of text (Java would also match before a final newline).
     */
    static String toJavaRegex(String re2) {
        String p = re2.replace("(?P<", "(?<");
        if (p.contains("(?m") || p.contains("(?sm") || p.contains("(?im")) {
            return p;
        }
        StringBuilder sb = new StringBuilder(p.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                sb.append(c).append(p.charAt(++i));
                continue;
            }
            if (c == '[' && !inClass) {
                inClass = true;
            } else if (c == ']' && inClass) {
                inClass = false;
            }
            if (c == '$' && !inClass) {
                sb.append("\\z");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A float64 as Go's {@code %v} prints it (used in messages): shortest form, exponent outside 1e-4..1e21. */
    static String goV(double d) {
        return GoFloats.v(d);
    }

    /** A whole double as a Long so that JSON writers print {@code 5}, as Go does, not {@code 5.0}. */
    static Object jsonNumber(double d) {
        if (!Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
            return (long) d;
        }
        return d;
    }

    /** Go's {@code strconv.Quote}: a double-quoted literal with Go escapes (not always valid JSON). */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        sb.append(String.format("\\x%02x", cp));
                    } else if (!isGoPrintable(cp)) {
                        sb.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isGoPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                 Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /**
     * A JSON-shaped value serialised as Go's {@code json.Marshal} does: object keys sorted, floats in
     * Go's shortest form, and {@code <}, {@code >}, {@code &}, U+2028, U+2029 escaped.
     */
    static String goMarshal(Object value) {
        return Json.writeGo(value, other -> other instanceof GeoPoint p ? geoPointJson(p) : null);
    }

    /** A geo point as upstream's struct marshals: {@code lon} first. */
    private static String geoPointJson(GeoPoint p) {
        return "{\"lon\":" + Json.goFloat(p.lon()) + ",\"lat\":" + Json.goFloat(p.lat()) + "}";
    }
}
