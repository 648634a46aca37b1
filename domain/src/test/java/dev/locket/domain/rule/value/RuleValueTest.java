package dev.locket.domain.rule.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locket.domain.rule.value.RuleValue.Affinity;
import dev.locket.domain.rule.value.RuleValue.Truth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQLite value semantics the evaluator relies on (figures checked against SQLite 3.53). */
class RuleValueTest {

    @ParameterizedTest
    @CsvSource({"5.5, 5.5", "0.1, 0.1", "10, 10.0", "1e15, 1000000000000000.0", "1e16, 10000000000000000.0",
        "1e17, 1.0e+17", "1e20, 1.0e+20", "0.00001, 1.0e-05", "0.0001, 0.0001", "-1.5e-10, -1.5e-10",
        "0.30000000000000004, 0.30000000000000004", "1.7976931348623157e308, 1.7976931348623157e+308",
        "0.00012345, 0.00012345", "123456789.123, 123456789.123"})
    void printsRealsLikeSqlite(double value, String text) {
        assertEquals(text, RuleValue.realText(value));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "Hello World | %hello% => T", "Hello World | hello => F", "Hello World | H_llo W%d => T",
        "Grüße | %Ü% => F", "Grüße | %ü% => T", "100% | 100\\% => T", "100x | 100\\% => F",
        "a_b | a\\_b => T", "axb | a\\_b => F", "abc | abc\\ => F", "abc | %c\\ => F", "abc | % => T",
        "EMPTY | % => T", "abc | %%%_ => T", "ab | %__% => T", "a | %__% => F"})
    void matchesLikeSqlite(String input, String expected) {
        String[] parts = input.split(" \\| ");
        String value = parts[0].equals("EMPTY") ? "" : parts[0];
        assertEquals(expected.equals("T") ? Truth.T : Truth.F, RuleValue.like(value, parts[1]));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "10 => 10", "` 10 ` => 10", "+5 => 5", "1.0 => 1.0", ".5 => 0.5", "5. => 5.0", "1e2 => 100.0",
        "1e => null", "abc => null", "`` => null", "0x10 => null", "- => null", "99999999999999999999 => 1.0E20"})
    void readsNumericTextsAsSqliteAffinityDoes(String text, String number) {
        assertEquals(number, String.valueOf(RuleValue.parseNumber(text)));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "NUMERIC 10 = NONE '10' => T", "TEXT '10' = NONE 10 => T", "NONE '10' = NONE 10 => F",
        "TEXT '10' = BLOB 10 => F", "NUMERIC 10 = BLOB '10' => T", "TEXT '10' > NONE 9 => F",
        "NONE 'a' > NONE 5 => T", "NONE 1 = NONE 1.0 => T"})
    void appliesSqliteComparisonAffinities(String input, String expected) {
        String[] p = input.split(" ");
        RuleValue l = new RuleValue(value(p[1]), Affinity.valueOf(p[0]));
        RuleValue r = new RuleValue(value(p[4]), Affinity.valueOf(p[3]));
        assertEquals(expected.equals("T") ? Truth.T : Truth.F, RuleValue.compare(l, r, p[2]));
    }

    private static Object value(String s) {
        if (s.startsWith("'")) {
            return s.substring(1, s.length() - 1);
        }
        return s.contains(".") ? (Object) Double.parseDouble(s) : (Object) Long.parseLong(s);
    }
}
