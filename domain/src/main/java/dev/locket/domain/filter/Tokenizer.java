package dev.locket.domain.filter;

import dev.locket.domain.error.BadRequest;
import java.util.ArrayList;
import java.util.List;

/** Splits filter source into tokens following the upstream fexpr scanner's lexical rules. */
final class Tokenizer {

    enum Kind { IDENTIFIER, FUNCTION, NUMBER, TEXT, SIGN, AND, OR, LPAREN, RPAREN, COMMA, EOF }

    /** One token: its kind, its text (unquoted for texts) and its char offset. */
    record Token(Kind kind, String text, int position) {
    }

    private final String src;
    private int pos;

    private Tokenizer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String src) {
        Tokenizer t = new Tokenizer(src);
        List<Token> out = new ArrayList<>();
        Token tok;
        do {
            tok = t.next();
            out.add(tok);
        } while (tok.kind() != Kind.EOF);
        return out;
    }

    private Token next() {
        skipBlanksAndComments();
        if (pos >= src.length()) {
            return new Token(Kind.EOF, "", pos);
        }
        char c = src.charAt(pos);
        int start = pos;
        if (isIdentifierStart(c)) {
            return identifier();
        }
        if (isDigit(c) || c == '-') {
            return number();
        }
        switch (c) {
            case '\'', '"' -> {
                return text(c);
            }
            case '(' -> {
                pos++;
                return new Token(Kind.LPAREN, "(", start);
            }
            case ')' -> {
                pos++;
                return new Token(Kind.RPAREN, ")", start);
            }
            case ',' -> {
                pos++;
                return new Token(Kind.COMMA, ",", start);
            }
            case '&', '|' -> {
                if (pos + 1 < src.length() && src.charAt(pos + 1) == c) {
                    pos += 2;
                    return new Token(c == '&' ? Kind.AND : Kind.OR, c == '&' ? "&&" : "||", start);
                }
                throw new BadRequest("invalid join operator at " + start, start);
            }
            default -> {
                if (isSignChar(c)) {
                    return sign();
                }
                throw new BadRequest("unexpected character at " + start, start);
            }
        }
    }

    private void skipBlanksAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '/') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token identifier() {
        int start = pos;
        pos++;
        while (pos < src.length() && isIdentifierPart(src.charAt(pos))) {
            pos++;
        }
        String text = src.substring(start, pos);
        char last = text.charAt(text.length() - 1);
        if (text.length() == 1 && (last == '_' || last == '@' || last == '#')) {
            throw new BadRequest("invalid identifier at " + start, start);
        }
        if (last == '.' || last == ':') {
            throw new BadRequest("identifier must not end with '" + last + "'", pos - 1);
        }
        if (pos < src.length() && src.charAt(pos) == '(') {
            return new Token(Kind.FUNCTION, text, start);
        }
        return new Token(Kind.IDENTIFIER, text, start);
    }

    private Token number() {
        int start = pos;
        if (src.charAt(pos) == '-') {
            pos++;
        }
        int digitsStart = pos;
        int dots = 0;
        while (pos < src.length() && (isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            if (src.charAt(pos) == '.') {
                dots++;
            }
            pos++;
        }
        String digits = src.substring(digitsStart, pos);
        if (digits.isEmpty() || dots > 1 || digits.startsWith(".") || digits.endsWith(".")) {
            throw new BadRequest("invalid number at " + start, start);
        }
        return new Token(Kind.NUMBER, src.substring(start, pos), start);
    }

    private Token text(char quote) {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            // only the enclosing quote can be escaped; any other backslash stays (fexpr behaviour)
            if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == quote) {
                sb.append(quote);
                pos += 2;
            } else if (c == quote) {
                pos++;
                return new Token(Kind.TEXT, sb.toString(), start);
            } else {
                sb.append(c);
                pos++;
            }
        }
        throw new BadRequest("unterminated text at " + start, start);
    }

    private Token sign() {
        int start = pos;
        while (pos < src.length() && isSignChar(src.charAt(pos))) {
            pos++;
        }
        String text = src.substring(start, pos);
        if (Operator.bySymbol(text).isEmpty()) {
            throw new BadRequest("invalid operator \"" + text + "\"", start);
        }
        return new Token(Kind.SIGN, text, start);
    }

    /** Whether the whole text is exactly one identifier token (used by the sort parser). */
    static boolean isIdentifier(String text) {
        if (text.isEmpty() || !isIdentifierStart(text.charAt(0))) {
            return false;
        }
        try {
            List<Token> tokens = tokenize(text);
            return tokens.size() == 2 && tokens.get(0).kind() == Kind.IDENTIFIER;
        } catch (BadRequest e) {
            return false;
        }
    }

    private static boolean isSignChar(char c) {
        return c == '=' || c == '?' || c == '!' || c == '>' || c == '<' || c == '~';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentifierStart(char c) {
        return isLetter(c) || c == '_' || c == '@' || c == '#';
    }

    private static boolean isIdentifierPart(char c) {
        return isLetter(c) || isDigit(c) || c == '_' || c == '.' || c == ':';
    }
}
