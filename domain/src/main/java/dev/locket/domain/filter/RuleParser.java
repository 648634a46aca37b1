package dev.locket.domain.filter;

import dev.locket.domain.error.BadRequest;
import dev.locket.domain.filter.Tokenizer.Kind;
import dev.locket.domain.filter.Tokenizer.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses the filter/rule language into an {@link Expr} tree (hand-written recursive descent). */
public final class RuleParser {

    /** Upstream's cap on the client {@code filter} parameter, in UTF-8 bytes. */
    public static final int MAX_FILTER_BYTES = 3500;
    /** Upstream's cap on comparisons per filter or rule. */
    public static final int MAX_COMPARISONS = 200;
    /** Group nesting cap: keeps recursion bounded however deep a hostile input nests. */
    public static final int MAX_DEPTH = 200;
    /** Function arguments may themselves be calls, two levels deep at most (upstream fexpr). */
    private static final int MAX_FUNCTION_DEPTH = 2;

    private final List<Token> tokens;
    private int index;
    private int comparisons;

    private RuleParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses a client filter, applying every limit including {@link #MAX_FILTER_BYTES}.
     *
     * @throws BadRequest on any syntax error or exceeded limit, with the offending position
     */
    public static Expr parse(String source) {
        if (source != null && source.getBytes(StandardCharsets.UTF_8).length > MAX_FILTER_BYTES) {
            throw new BadRequest("filter longer than " + MAX_FILTER_BYTES + " bytes", MAX_FILTER_BYTES);
        }
        return parseRule(source);
    }

    /**
     * Parses an API rule: like {@link #parse} but without the byte limit, which only applies to the
     * client {@code filter} parameter upstream.
     */
    public static Expr parseRule(String source) {
        if (source == null) {
            throw new BadRequest("empty expression", 0);
        }
        RuleParser parser = new RuleParser(Tokenizer.tokenize(source));
        Expr expr = parser.expression(0);
        Token rest = parser.peek();
        if (rest.kind() != Kind.EOF) {
            throw new BadRequest("unexpected \"" + rest.text() + "\"", rest.position());
        }
        return expr;
    }

    private Expr expression(int depth) {
        // && binds tighter than ||: collect || alternatives, each a left-leaning chain of &&
        Expr or = null;
        int orPos = -1;
        Expr and = item(depth);
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.AND) {
                index++;
                and = new Expr.And(and, item(depth), t.position());
            } else if (t.kind() == Kind.OR) {
                index++;
                or = or == null ? and : new Expr.Or(or, and, orPos);
                orPos = t.position();
                and = item(depth);
            } else {
                break;
            }
        }
        return or == null ? and : new Expr.Or(or, and, orPos);
    }

    private Expr item(int depth) {
        Token t = peek();
        if (t.kind() == Kind.LPAREN) {
            if (depth >= MAX_DEPTH) {
                throw new BadRequest("groups nested deeper than " + MAX_DEPTH, t.position());
            }
            index++;
            if (peek().kind() == Kind.RPAREN) {
                throw new BadRequest("empty group", t.position());
            }
            Expr inner = expression(depth + 1);
            expect(Kind.RPAREN, "\")\"");
            return inner;
        }
        if (t.kind() == Kind.EOF) {
            throw new BadRequest("empty expression", t.position());
        }
        Operand left = operand(0);
        Token sign = expect(Kind.SIGN, "a comparison operator");
        Operand right = operand(0);
        if (++comparisons > MAX_COMPARISONS) {
            throw new BadRequest("more than " + MAX_COMPARISONS + " comparisons", left.position());
        }
        return new Expr.Compare(left, Operator.bySymbol(sign.text()).orElseThrow(), right, left.position());
    }

    private Operand operand(int functionDepth) {
        Token t = peek();
        index++;
        return switch (t.kind()) {
            case IDENTIFIER -> Identifier.parse(t.text(), t.position());
            case NUMBER -> new Literal.Number(t.text(), Double.parseDouble(t.text()), t.position());
            case TEXT -> new Literal.Text(t.text(), t.position());
            case FUNCTION -> call(t, functionDepth + 1);
            case SIGN, AND, OR, LPAREN, RPAREN, COMMA, EOF -> {
                index--;
                throw new BadRequest(t.kind() == Kind.EOF ? "missing operand" : "unexpected \"" + t.text() + "\"",
                        t.position());
            }
        };
    }

    private FunctionCall call(Token name, int functionDepth) {
        if (functionDepth > MAX_FUNCTION_DEPTH + 1) {
            throw new BadRequest("functions nested too deep", name.position());
        }
        expect(Kind.LPAREN, "\"(\"");
        List<Operand> args = new ArrayList<>();
        while (peek().kind() != Kind.RPAREN) {
            args.add(operand(functionDepth));
            if (peek().kind() == Kind.COMMA) {
                index++;   // a trailing comma is allowed
            } else if (peek().kind() != Kind.RPAREN) {
                throw new BadRequest("expected \",\" or \")\"", peek().position());
            }
        }
        index++;
        return new FunctionCall(name.text(), args, name.position());
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token expect(Kind kind, String what) {
        Token t = peek();
        if (t.kind() != kind) {
            throw new BadRequest("expected " + what + (t.kind() == Kind.EOF ? " before the end" : ", got \""
                    + t.text() + "\""), t.position());
        }
        index++;
        return t;
    }
}
