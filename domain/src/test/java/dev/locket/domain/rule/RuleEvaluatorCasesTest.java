package dev.locket.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.error.BadRequest;
import dev.locket.domain.filter.Operator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the shared rule case table against the in-memory evaluator (the SQLite adapter runs it too). */
class RuleEvaluatorCasesTest {

    static final RuleCases TABLE = RuleCases.load();
    static final RuleEvaluator EVALUATOR = new RuleEvaluator(TABLE::collection, TABLE.clock());

    static List<RuleCases.Case> cases() {
        return TABLE.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesLikeTheTable(RuleCases.Case c) {
        if (c.expect() == null) {
            assertThrows(BadRequest.class, () -> decide(c));
            return;
        }
        Decision expected = c.needsStore() ? Decision.NEEDS_STORE : c.expect() ? Decision.ALLOW : Decision.DENY;
        assertEquals(expected, decide(c));
    }

    private static Decision decide(RuleCases.Case c) {
        RuleEvaluator evaluator = c.clock() == TABLE.clock() ? EVALUATOR : new RuleEvaluator(TABLE::collection, c.clock());
        return c.client() ? evaluator.evaluateClientFilter(c.collection(), c.record(), c.request(), c.rule())
                : evaluator.evaluate(c.collection(), c.record(), c.request(), c.rule());
    }

    @Test
    void tableIsLargeAndCoversEveryOperator() {
        assertTrue(TABLE.cases().size() >= 120, "cases: " + TABLE.cases().size());
        for (Operator op : Operator.values()) {
            String sign = " " + op.symbol() + " ";
            assertTrue(TABLE.cases().stream().anyMatch(c -> c.rule().contains(sign)), "no case for " + op);
        }
    }
}
