package dev.locket.domain.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.error.BadRequest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RuleParserTest {

    /** Renders a tree back into a fully parenthesised canonical form, to compare shapes compactly. */
    static String show(Expr e) {
        return switch (e) {
            case Expr.And a -> "(" + show(a.left()) + " && " + show(a.right()) + ")";
            case Expr.Or o -> "(" + show(o.left()) + " || " + show(o.right()) + ")";
            case Expr.Compare c -> show(c.left()) + " " + c.operator().symbol() + " " + show(c.right());
        };
    }

    static String show(Operand o) {
        return switch (o) {
            case Literal.Text t -> "'" + t.value() + "'";
            case Literal.Number n -> "#" + n.value();
            case Literal.Bool b -> String.valueOf(b.value());
            case Literal.Null n -> "NULL";
            case Identifier i -> (i.alias().isEmpty() ? String.join(".", i.path())
                    : i.path().get(0) + "." + i.path().get(1) + "[" + i.alias() + "]."
                    + String.join(".", i.path().subList(2, i.path().size())))
                    + (i.modifier().isEmpty() ? "" : ":" + i.modifier());
            case FunctionCall f -> f.name() + f.arguments().stream().map(RuleParserTest::show).toList();
        };
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "a = 1 => a = #1.0",
        "a=1&&b!='x' => (a = #1.0 && b != 'x')",
        "a = 1 && b = 2 || c = 3 => ((a = #1.0 && b = #2.0) || c = #3.0)",
        "a = 1 || b = 2 && c = 3 => (a = #1.0 || (b = #2.0 && c = #3.0))",
        "a = 1 || b = 2 || c = 3 => ((a = #1.0 || b = #2.0) || c = #3.0)",
        "(a = 1 || b = 2) && c > 3 => ((a = #1.0 || b = #2.0) && c > #3.0)",
        "((a = -4.5)) => a = #-4.5",
        "tags:each ?~ \"news\" => tags:each ?~ 'news'",
        "@request.auth.id != '' => @request.auth.id != ''",
        "@collection.posts:p.title ?= @request.body.title:lower => @collection.posts[p].title ?= @request.body.title:lower",
        "a ?!~ b => a ?!~ b",
        "a?>=1 => a ?>= #1.0",
        "a = 1 // trailing comment => a = #1.0",
        "geoDistance(loc.lon, loc.lat, 23.32, 42.69,) < 25 => geoDistance[loc.lon, loc.lat, #23.32, #42.69] < #25.0",
        "strftime('%Y', created) = '2024' => strftime['%Y', created] = '2024'",
        "f(g(h(1))) = 1 => f[g[h[#1.0]]] = #1.0",
        "f() = 1 => f[] = #1.0",
        "a = 'it\\'s' => a = 'it's'",
        "a = \"say \\\"hi\\\"\" => a = 'say \"hi\"'",
        "a = 'back\\\\slash \\d' => a = 'back\\\\slash \\d'",
        "a = 'x\"y' => a = 'x\"y'",
        "#x = _y => #x = _y",
    })
    void parsesIntoTheExpectedTree(String source, String expected) {
        assertEquals(expected, show(RuleParser.parse(source)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "// only a comment", "()", "a = 1 && ()", "a", "a =", "= 1", "a = 1 &&", "a = 1 & b = 2",
        "a = 1 | b = 2", "a == 1", "a =! 1", "a <> 1", "a = 'unterminated", "a = \"x'", "a. = 1", "a: = 1",
        "_ = 1", "@ = 1", "# = 1", "a = -", "a = 1.", "a = 1.2.3", "a = .5", "a-b = 1", "a = 1)", "(a = 1",
        "a = 1 b = 2", "a = 1 / 2", "a:bogus = 1", "a::each = 1", "a..b = 1", "a = b:each:lower",
        "f (1) = 1", "f(1 2) = 1", "f(1,,2) = 1", "f(g(h(i(1)))) = 1", "a = 1 && b = é", "a ! b", "a = f(",
    })
    void rejectsMalformedInputWithBadRequest(String source) {
        assertThrows(BadRequest.class, () -> RuleParser.parse(source));
    }

    @Test
    void skipsCommentsAndAllWhitespaceKinds() {
        assertEquals("(a = #1.0 && b = #2.0)", show(RuleParser.parse("// head\n a = 1 // x\n && b = 2")));
        assertEquals("a = #1.0", show(RuleParser.parse("a\t=\r\n1")));
    }

    @Test
    void reportsThePositionOfTheOffendingToken() {
        assertEquals(6, assertThrows(BadRequest.class, () -> RuleParser.parse("a = 1 $ b")).position());
        assertEquals(4, assertThrows(BadRequest.class, () -> RuleParser.parse("a = 'open")).position());
        assertEquals(10, assertThrows(BadRequest.class, () -> RuleParser.parse("a = 1 && (")).position());
        assertEquals(5, assertThrows(BadRequest.class, () -> RuleParser.parse("title:nope = 1")).position());
    }

    @Test
    void keepsPositionsOnNodes() {
        Expr.And and = assertInstanceOf(Expr.And.class, RuleParser.parse("a = 1 && bb ~ 'x'"));
        assertEquals(6, and.position());
        Expr.Compare right = assertInstanceOf(Expr.Compare.class, and.right());
        assertEquals(9, right.position());
        assertEquals(14, right.right().position());
    }

    @Test
    void turnsKeywordsIntoLiteralsOnlyOnRequest() {
        Expr.Compare c = assertInstanceOf(Expr.Compare.class, RuleParser.parse("TRUE = null"));
        Identifier left = assertInstanceOf(Identifier.class, c.left());
        assertEquals(new Literal.Bool(true, 0), left.keyword().orElseThrow());
        assertInstanceOf(Literal.Null.class, ((Identifier) c.right()).keyword().orElseThrow());
        assertTrue(Identifier.parse("truth", 0).keyword().isEmpty());
    }

    @Test
    void enforcesTheFilterByteLimitButNotForRules() {
        String big = "title = '" + "é".repeat(1800) + "'";   // > 3500 UTF-8 bytes, < 3500 chars
        assertThrows(BadRequest.class, () -> RuleParser.parse(big));
        assertInstanceOf(Expr.Compare.class, RuleParser.parseRule(big));
    }

    @Test
    void allowsTwoHundredComparisonsButNotMore() {
        String two = String.join(" && ", java.util.Collections.nCopies(200, "a=1"));
        RuleParser.parse(two);
        assertThrows(BadRequest.class, () -> RuleParser.parse(two + " && a=1"));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "(".repeat(10_000) + "a = 1" + ")".repeat(10_000);
        assertThrows(BadRequest.class, () -> RuleParser.parseRule(deep));
        String ok = "(".repeat(100) + "a = 1" + ")".repeat(100);
        assertEquals("a = #1.0", show(RuleParser.parse(ok)));
    }

    @Test
    void exposesOperatorVariants() {
        assertEquals(16, Operator.values().length);
        assertTrue(Operator.ANY_NOT_LIKE.anyOf());
        assertEquals(Operator.NOT_LIKE, Operator.ANY_NOT_LIKE.base());
        assertEquals(Operator.EQ, Operator.EQ.base());
        assertEquals(List.of("a", "b"), Identifier.parse("a.b:length", 0).path());
    }
}
