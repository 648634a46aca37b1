package dev.locket.domain.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterParamsTest {

    @Test
    void valuesBecomeLiteralsAsUpstreamWritesThem() {
        Map<String, Object> p = new HashMap<>();
        p.put("none", null);
        p.put("yes", true);
        p.put("n", 3);
        p.put("f", 1.5);
        p.put("t", "it's \"x\"");
        p.put("l", List.of("a", 1));
        assertEquals("a = null && b = true && c = 3 && d = 1.5 && e = \"it's \\\"x\\\"\" && g = \"[\\\"a\\\",1]\"",
                FilterParams.substitute("a = {:none} && b = {:yes} && c = {:n} && d = {:f} && e = {:t} && g = {:l}", p));
    }

    @Test
    void aQuotedValueStaysOneTextWhateverItHolds() {
        String filter = FilterParams.substitute("title = {:title}", Map.of("title", "x\" || id != \""));
        Expr parsed = RuleParser.parse(filter);
        assertEquals(RuleParser.parse("title = 'x\" || id != \"'"), parsed);
    }

    @Test
    void unknownPlaceholdersStayAndMissingParamsChangeNothing() {
        assertEquals("a = {:other}", FilterParams.substitute("a = {:other}", Map.of("x", 1)));
        assertEquals("a = {:x}", FilterParams.substitute("a = {:x}", null));
        assertEquals("\"a\\nb\\\\\"", FilterParams.goQuote("a\nb\\"));
    }
}
