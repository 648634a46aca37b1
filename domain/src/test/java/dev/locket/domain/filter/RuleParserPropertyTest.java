package dev.locket.domain.filter;

import dev.locket.domain.error.BadRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RuleParserPropertyTest {

    @Property(tries = 3000)
    void anyStringEitherParsesOrFailsWithBadRequest(@ForAll("filterish") String source) {
        try {
            RuleParser.parse(source);
            RuleParser.parseRule(source);
        } catch (BadRequest expected) {
            // the only acceptable failure
        }
    }

    @Property(tries = 1000)
    void anySortEitherParsesOrFailsWithBadRequest(@ForAll("filterish") String source) {
        try {
            SortParser.parse(source);
        } catch (BadRequest expected) {
            // the only acceptable failure
        }
    }

    @Provide
    Arbitrary<String> filterish() {
        Arbitrary<String> fragments = Arbitraries.of("a", "b.c", "@request.auth.id", "tags:each", ":lower", "=",
                "!=", "?=", "~", "!~", "?", "!", ">", "<", "&&", "||", "&", "|", "(", ")", "'", "\"", "\\", "-",
                "1", "2.5", ".", ",", "//", "\n", " ", "f(", "true", "null", "@collection.x:y.z", "é", "#", "_");
        Arbitrary<String> composed = fragments.list().ofMaxSize(40).map(l -> String.join("", l));
        return Arbitraries.oneOf(composed, Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().withChars("()=!?<>~&|'\"\\ab1.-:@ ").ofMaxLength(80));
    }
}
