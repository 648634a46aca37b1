package dev.locket.domain.rule.value;

import java.util.ArrayList;
import java.util.List;

/**
 * Strict (RFC 8259) JSON text read the way SQLite's JSON functions read it: values keep their token text,
 * so an extracted object or array prints minified with numbers and escapes exactly as they were written.
 */
public final class JsonTree {

    /** SQLite's JSON nesting limit. */
    private static final int MAX_DEPTH = 1000;

    /** A parsed JSON value; {@code raw} is its minified text. */
    public sealed interface Node permits Obj, Arr, Scalar {
        String raw();
    }

    /** An object; keys decoded, first occurrence wins on lookup as in SQLite. */
    public record Obj(List<String> keys, List<Node> values, String raw) implements Node {
        Node get(String key) {
            int i = keys.indexOf(key);
            return i < 0 ? null : values.get(i);
        }
    }

    /** An array. */
    public record Arr(List<Node> items, String raw) implements Node {
    }

    /** A string (decoded in {@code text}), number, true, false or null. */
    public record Scalar(char kind, String text, String raw) implements Node {
    }

    private final String s;
    private int pos;

    private JsonTree(String s) {
        this.s = s;
    }

    /** The parsed value, or null when the text is not valid JSON. */
    public static Node parse(String text) {
        if (text == null) {
            return null;
        }
        JsonTree t = new JsonTree(text);
        try {
            t.ws();
            Node n = t.value(0);
            t.ws();
            return t.pos == text.length() ? n : null;
        } catch (IllegalStateException | IndexOutOfBoundsException bad) {
            return null;
        }
    }

    /** The SQL value json_extract/json_each give for a node (texts decoded, objects/arrays as JSON text). */
    public static Object sqlValue(Node n) {
        return switch (n) {
            case Obj o -> o.raw();
            case Arr a -> a.raw();
            case Scalar sc -> switch (sc.kind()) {
                case 's' -> sc.text();
                case 't' -> 1L;
                case 'f' -> 0L;
                case 'n' -> null;
                default -> number(sc.raw());
            };
        };
    }

    private static Object number(String raw) {
        Object n = RuleValue.parseNumber(raw);
        return n == null ? null : n;
    }

    private Node value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("too deep");
        }
        char c = s.charAt(pos);
        int start = pos;
        switch (c) {
            case '{' -> {
                pos++;
                List<String> keys = new ArrayList<>();
                List<Node> values = new ArrayList<>();
                StringBuilder raw = new StringBuilder("{");
                ws();
                if (s.charAt(pos) == '}') {
                    pos++;
                    return new Obj(keys, values, "{}");
                }
                while (true) {
                    ws();
                    int keyStart = pos;
                    String key = string();
                    raw.append(s, keyStart, pos).append(':');
                    ws();
                    expect(':');
                    ws();
                    Node v = value(depth + 1);
                    raw.append(v.raw());
                    keys.add(key);
                    values.add(v);
                    ws();
                    char d = s.charAt(pos++);
                    if (d == '}') {
                        return new Obj(keys, values, raw.append('}').toString());
                    }
                    if (d != ',') {
                        throw new IllegalStateException("bad object");
                    }
                    raw.append(',');
                }
            }
            case '[' -> {
                pos++;
                List<Node> items = new ArrayList<>();
                StringBuilder raw = new StringBuilder("[");
                ws();
                if (s.charAt(pos) == ']') {
                    pos++;
                    return new Arr(items, "[]");
                }
                while (true) {
                    ws();
                    Node v = value(depth + 1);
                    items.add(v);
                    raw.append(v.raw());
                    ws();
                    char d = s.charAt(pos++);
                    if (d == ']') {
                        return new Arr(items, raw.append(']').toString());
                    }
                    if (d != ',') {
                        throw new IllegalStateException("bad array");
                    }
                    raw.append(',');
                }
            }
            case '"' -> {
                String text = string();
                return new Scalar('s', text, s.substring(start, pos));
            }
            case 't' -> {
                word("true");
                return new Scalar('t', "true", "true");
            }
            case 'f' -> {
                word("false");
                return new Scalar('f', "false", "false");
            }
            case 'n' -> {
                word("null");
                return new Scalar('n', "null", "null");
            }
            default -> {
                numberToken();
                String raw = s.substring(start, pos);
                return new Scalar('#', raw, raw);
            }
        }
    }

    private void numberToken() {
        if (s.charAt(pos) == '-') {
            pos++;
        }
        if (s.charAt(pos) == '0') {
            pos++;
        } else {
            digits();
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            digits();
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (s.charAt(pos) == '+' || s.charAt(pos) == '-') {
                pos++;
            }
            digits();
        }
    }

    private void digits() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw new IllegalStateException("digit expected");
        }
    }

    private void word(String w) {
        if (!s.startsWith(w, pos)) {
            throw new IllegalStateException("bad literal");
        }
        pos += w.length();
    }

    private void expect(char c) {
        if (s.charAt(pos++) != c) {
            throw new IllegalStateException("expected " + c);
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new IllegalStateException("control character");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    String hex = s.substring(pos, pos + 4);
                    if (!hex.matches("[0-9a-fA-F]{4}")) {
                        throw new IllegalStateException("bad escape");
                    }
                    sb.append((char) Integer.parseInt(hex, 16));
                    pos += 4;
                }
                default -> throw new IllegalStateException("bad escape");
            }
        }
    }

    private void ws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
