package dev.locket.domain.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A small JSON reader and writer for JSON-shaped values (String, Number, Boolean, List, Map, null),
 * used where the core itself must read or write JSON text (json field values, {@code @jsonPayload}).
 *
 * <p>Integral numbers parse to {@code Long} (or {@code BigInteger} when too large), other numbers to
 * {@code Double}. Numbers are written the way Go's {@code encoding/json} writes a float64, so output
 * matches PocketBase ({@code 5} not {@code 5.0}, {@code 1e+21}, {@code 1e-7}).
 */
public final class Json {
    /** Deeper nesting is rejected rather than risking a stack overflow on hostile input. */
    public static final int MAX_DEPTH = 1000;

    private Json() {
    }

    /**
     * Parses one JSON value (surrounding whitespace allowed).
     *
     * @throws IllegalArgumentException when the text is not valid JSON or nests deeper than {@link #MAX_DEPTH}
     */
    public static Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no JSON text");
        }
        Reader r = new Reader(text);
        Object value = r.document();
        r.skipWs();
        if (r.pos != text.length()) {
            throw r.error("unexpected trailing data");
        }
        return value;
    }

    /** Whether the text is one valid JSON value. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Writes a JSON-shaped value compactly. {@link RawJson} is written as its text (it is already JSON);
     * other unknown objects are written as their {@code toString()} string.
     *
     * @throws IllegalArgumentException when the value nests deeper than {@link #MAX_DEPTH}
     */
    public static String write(Object value) {
        return write(value, false, other -> null);
    }

    /**
     * Writes a JSON-shaped value as Go's {@code json.Marshal} writes a decoded {@code any}: object keys
     * sorted, every number as a float64, and {@code <}, {@code >}, {@code &}, U+2028, U+2029 escaped.
     * {@code special} gives the JSON text of other objects, or null to write their {@code toString()}.
     *
     * @throws IllegalArgumentException when the value nests deeper than {@link #MAX_DEPTH}
     */
    public static String writeGo(Object value, Function<Object, String> special) {
        return write(value, true, special);
    }

    private static String write(Object value, boolean go, Function<Object, String> special) {
        StringBuilder sb = new StringBuilder();
        try {
            write(sb, value, 0, go, special);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("JSON value nested too deeply");
        }
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, int depth, boolean go,
                              Function<Object, String> special) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON value nested too deeply");
        }
        switch (value) {
            case null -> sb.append("null");
            case String s -> string(sb, s, go);
            case Boolean b -> sb.append(b);
            case Number n -> sb.append(go ? goFloat(n.doubleValue()) : number(n));
            case RawJson raw -> sb.append(raw.text());
            case Map<?, ?> m -> {
                Map<?, ?> entries = m;
                if (go) {
                    TreeMap<String, Object> sorted = new TreeMap<>();
                    m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                    entries = sorted;
                }
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : entries.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    string(sb, String.valueOf(e.getKey()), go);
                    sb.append(':');
                    write(sb, e.getValue(), depth + 1, go, special);
                }
                sb.append('}');
            }
            case Iterable<?> list -> {
                sb.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    write(sb, item, depth + 1, go, special);
                }
                sb.append(']');
            }
            default -> {
                String text = special.apply(value);
                if (text != null) {
                    sb.append(text);
                } else {
                    string(sb, value.toString(), go);
                }
            }
        }
    }

    /** A number as Go's {@code encoding/json} writes it (integers plainly, floats in shortest form). */
    public static String number(Number n) {
        return switch (n) {
            case Long l -> l.toString();
            case Integer i -> i.toString();
            case Short s -> s.toString();
            case Byte b -> b.toString();
            case BigInteger bi -> bi.toString();
            case BigDecimal bd -> bd.stripTrailingZeros().scale() <= 0
                    ? bd.toBigInteger().toString() : bd.stripTrailingZeros().toPlainString();
            default -> goFloat(n.doubleValue());
        };
    }

    /**
     * A float64 formatted like Go's JSON encoder: plain decimal for 1e-6 ≤ |x| < 1e21, otherwise
     * exponent form ({@code 1e+21}, {@code 1.5e-7}). NaN/±Inf have no JSON form and are written as 0.
     */
    public static String goFloat(double d) {
        return GoFloats.json(d);
    }

    /** Go's {@code strconv.FormatFloat(d, 'f', -1, 64)}: shortest digits, never an exponent. */
    public static String plainFloat(double d) {
        return GoFloats.plain(d);
    }

    /** Appends a JSON string literal, escaping like Go ({@code <}, {@code >}, {@code &} stay readable here). */
    public static void quote(StringBuilder sb, String s) {
        string(sb, s, Escaping.READABLE);
    }

    /**
     * Appends a JSON string literal as the SQLite adapter's JSON library writes stored lists by default
     * (only control characters escaped, upper-case hex), so texts built in the domain compare alike.
     */
    public static void quoteStored(StringBuilder sb, String s) {
        string(sb, s, Escaping.STORED);
    }

    /** The three spellings of a JSON string this project has to reproduce byte for byte. */
    private enum Escaping {
        /** Short escapes, {@code <}, {@code >}, {@code &} kept, line/paragraph separators escaped. */
        READABLE,
        /** Go's {@code json.Marshal}: HTML-safe {@code <}, {@code >}, {@code &}; no short {@code \b}, {@code \f}. */
        GO,
        /** The SQLite adapter's JSON library defaults: only control characters escaped, upper-case hex. */
        STORED
    }

    private static void string(StringBuilder sb, String s, boolean go) {
        string(sb, s, go ? Escaping.GO : Escaping.READABLE);
    }

    private static void string(StringBuilder sb, String s, Escaping escaping) {
        boolean go = escaping == Escaping.GO;
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b', '\f' -> sb.append(go ? String.format("\\u%04x", (int) c) : c == '\b' ? "\\b" : "\\f");
                case '<', '>', '&' -> sb.append(go ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                default -> {
                    if (escaping == Escaping.STORED ? c < 0x20 : c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(escaping == Escaping.STORED ? "\\u%04X" : "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + what);
        }

        void skipWs() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        /**
         * One JSON value, read without recursion (an explicit stack of open containers), so hostile
         * nesting cannot overflow the thread's stack; depth is still capped at {@link #MAX_DEPTH}.
         */
        Object document() {
            Deque<Object> open = new ArrayDeque<>();
            Deque<String> keys = new ArrayDeque<>();
            while (true) {
                skipWs();
                Object value;
                char c = peek();
                if (c == '{' || c == '[') {
                    pos++;
                    if (open.size() >= MAX_DEPTH) {
                        throw error("nested too deeply");
                    }
                    Object container = c == '{' ? new LinkedHashMap<String, Object>() : new ArrayList<Object>();
                    skipWs();
                    if (peek() == (c == '{' ? '}' : ']')) {
                        pos++;
                        value = container;
                    } else {
                        open.push(container);
                        if (c == '{') {
                            keys.push(key());
                        }
                        continue;
                    }
                } else {
                    value = scalar(c);
                }
                // attach the finished value; closing brackets turn finished containers into values
                while (true) {
                    if (open.isEmpty()) {
                        return value;
                    }
                    Object parent = open.peek();
                    if (parent instanceof Map<?, ?>) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> map = (Map<String, Object>) parent;
                        map.put(keys.pop(), value);
                    } else {
                        @SuppressWarnings("unchecked")
                        List<Object> list = (List<Object>) parent;
                        list.add(value);
                    }
                    skipWs();
                    char d = peek();
                    pos++;
                    if (d == ',') {
                        if (parent instanceof Map<?, ?>) {
                            keys.push(key());
                        }
                        break;
                    }
                    if ((d == '}' && parent instanceof Map<?, ?>) || (d == ']' && parent instanceof List<?>)) {
                        value = open.pop();
                        continue;
                    }
                    pos--;
                    throw error(parent instanceof Map<?, ?> ? "expected ',' or '}'" : "expected ',' or ']'");
                }
            }
        }

        /** {@code "key" :} of an object member. */
        private String key() {
            skipWs();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            String key = string();
            skipWs();
            if (peek() != ':') {
                throw error("expected ':'");
            }
            pos++;
            return key;
        }

        private Object scalar(char c) {
            return switch (c) {
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected token");
            }
            pos += word.length();
            return value;
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end of input");
            }
            return s.charAt(pos);
        }

        private String string() {
            pos++; // opening quote
            StringBuilder sb = null;
            int start = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String out = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
                    pos++;
                    return out;
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c == '\\') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, start, pos);
                    pos++;
                    char e = peek();
                    pos++;
                    switch (e) {
                        case '"' -> sb.append('"');
                        case '\\' -> sb.append('\\');
                        case '/' -> sb.append('/');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            if (pos + 4 > s.length()) {
                                throw error("bad unicode escape");
                            }
                            int cp = 0;
                            for (int i = 0; i < 4; i++) {
                                int digit = Character.digit(s.charAt(pos + i), 16);
                                if (digit < 0) {
                                    throw error("bad unicode escape");
                                }
                                cp = cp * 16 + digit;
                            }
                            pos += 4;
                            sb.append((char) cp);
                        }
                        default -> {
                            pos--;
                            throw error("bad escape");
                        }
                    }
                    start = pos;
                } else {
                    pos++;
                }
            }
        }

        private Number number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            if (pos >= s.length()) {
                throw error("bad number");
            }
            if (s.charAt(pos) == '0') {
                pos++;
            } else if (isDigit()) {
                while (isDigit()) {
                    pos++;
                }
            } else {
                throw error("bad number");
            }
            boolean integral = true;
            if (pos < s.length() && s.charAt(pos) == '.') {
                integral = false;
                pos++;
                if (!isDigit()) {
                    throw error("bad number");
                }
                while (isDigit()) {
                    pos++;
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (!isDigit()) {
                    throw error("bad number");
                }
                while (isDigit()) {
                    pos++;
                }
            }
            String text = s.substring(start, pos);
            if (integral) {
                if (text.length() <= 18) {
                    return Long.parseLong(text);
                }
                BigInteger big = new BigInteger(text);
                return big.bitLength() < 64 ? (Number) big.longValue() : big;
            }
            return Double.parseDouble(text);
        }

        private boolean isDigit() {
            return pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
        }
    }
}
