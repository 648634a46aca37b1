package dev.locket.application.service.record;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Generates a random string matching a simple regular expression, as PocketBase does for text
 * fields' {@code autogeneratePattern} (record ids {@code [a-z0-9]{15}}, token keys
 * {@code [a-zA-Z0-9]{50}}). Supports literals, escapes ({@code \d \w \s} and escaped characters),
 * {@code .}, character classes with ranges and negation, groups with alternation, and the
 * quantifiers {@code ? * + {n} {n,} {n,m}} (unbounded repeats are capped at 10 extra).
 */
final class RandomText {
    private static final String PRINTABLE = printable();
    private static final String DIGITS = "0123456789";
    private static final String WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    private final String pattern;
    private final RandomGenerator random;
    private int pos;

    private RandomText(String pattern, RandomGenerator random) {
        this.pattern = pattern;
        this.random = random;
    }

    /** A random string for {@code pattern}; anchors ({@code ^ $}) are ignored. */
    static String generate(String pattern, RandomGenerator random) {
        RandomText gen = new RandomText(pattern, random);
        StringBuilder out = new StringBuilder();
        gen.alternation(out);
        if (gen.pos < pattern.length()) {
            throw new IllegalArgumentException("unbalanced ')' in pattern " + pattern);
        }
        return out.toString();
    }

    private void alternation(StringBuilder out) {
        List<StringBuilder> branches = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        branches.add(current);
        while (pos < pattern.length() && pattern.charAt(pos) != ')') {
            if (pattern.charAt(pos) == '|') {
                pos++;
                current = new StringBuilder();
                branches.add(current);
                continue;
            }
            piece(current);
        }
        out.append(branches.get(random.nextInt(branches.size())));
    }

    private void piece(StringBuilder out) {
        char c = pattern.charAt(pos);
        if (c == '^' || c == '$') {
            pos++;
            return;
        }
        // Parse the atom once to find where it ends, then replay it once per repetition.
        int atomStart = pos;
        // A character class (every record id's [a-z0-9]{15}) is read once and drawn from count times.
        String alphabet = null;
        if (c == '[') {
            pos++;
            alphabet = charClass();
        } else {
            skipAtom();
        }
        int[] range = quantifier();
        int after = pos;
        int count = range[0] + (range[1] > range[0] ? random.nextInt(range[1] - range[0] + 1) : 0);
        for (int i = 0; i < count; i++) {
            if (alphabet != null) {
                out.append(pick(alphabet));
            } else {
                pos = atomStart;
                atom(out);
            }
        }
        pos = after;
    }

    private void skipAtom() {
        atom(new StringBuilder());
    }

    private int[] quantifier() {
        if (pos >= pattern.length()) {
            return new int[] {1, 1};
        }
        char q = pattern.charAt(pos);
        switch (q) {
            case '?' -> {
                pos++;
                return new int[] {0, 1};
            }
            case '*' -> {
                pos++;
                return new int[] {0, 10};
            }
            case '+' -> {
                pos++;
                return new int[] {1, 11};
            }
            case '{' -> {
                int close = pattern.indexOf('}', pos);
                if (close < 0) {
                    return new int[] {1, 1};
                }
                String body = pattern.substring(pos + 1, close);
                pos = close + 1;
                int comma = body.indexOf(',');
                if (comma < 0) {
                    int n = Integer.parseInt(body.trim());
                    return new int[] {n, n};
                }
                int min = Integer.parseInt(body.substring(0, comma).trim());
                String maxText = body.substring(comma + 1).trim();
                int max = maxText.isEmpty() ? min + 10 : Integer.parseInt(maxText);
                return new int[] {min, max};
            }
            default -> {
                return new int[] {1, 1};
            }
        }
    }

    private void atom(StringBuilder out) {
        char c = pattern.charAt(pos++);
        switch (c) {
            case '(' -> {
                if (pattern.startsWith("?:", pos)) {
                    pos += 2;
                }
                alternation(out);
                pos++; // ')'
            }
            case '[' -> out.append(pick(charClass()));
            case '.' -> out.append(pick(PRINTABLE));
            case '\\' -> out.append(pick(escape()));
            default -> out.append(c);
        }
    }

    private String escape() {
        char e = pattern.charAt(pos++);
        return switch (e) {
            case 'd' -> DIGITS;
            case 'w' -> WORD;
            case 's' -> " ";
            case 'n' -> "\n";
            case 't' -> "\t";
            default -> String.valueOf(e);
        };
    }

    private String charClass() {
        boolean negate = pos < pattern.length() && pattern.charAt(pos) == '^';
        if (negate) {
            pos++;
        }
        StringBuilder set = new StringBuilder();
        boolean first = true;
        while (pos < pattern.length() && (pattern.charAt(pos) != ']' || first)) {
            first = false;
            char c = pattern.charAt(pos++);
            String chars;
            if (c == '\\') {
                chars = escape();
            } else if (pos + 1 < pattern.length() && pattern.charAt(pos) == '-' && pattern.charAt(pos + 1) != ']') {
                char to = pattern.charAt(pos + 1);
                pos += 2;
                StringBuilder r = new StringBuilder();
                for (char x = c; x <= to; x++) {
                    r.append(x);
                }
                chars = r.toString();
            } else {
                chars = String.valueOf(c);
            }
            set.append(chars);
        }
        pos++; // ']'
        if (!negate) {
            return set.toString();
        }
        StringBuilder rest = new StringBuilder();
        for (char x : PRINTABLE.toCharArray()) {
            if (set.indexOf(String.valueOf(x)) < 0) {
                rest.append(x);
            }
        }
        return rest.toString();
    }

    private char pick(String chars) {
        if (chars.isEmpty()) {
            throw new IllegalArgumentException("empty character class in " + pattern);
        }
        return chars.charAt(random.nextInt(chars.length()));
    }

    private static String printable() {
        StringBuilder sb = new StringBuilder();
        for (char c = 33; c < 127; c++) {
            sb.append(c);
        }
        return sb.toString();
    }
}
