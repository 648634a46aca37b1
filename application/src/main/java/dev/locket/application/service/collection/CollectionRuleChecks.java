package dev.locket.application.service.collection;

import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.filter.RuleParser;
import dev.locket.domain.rule.RequestInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API rules of a collection being saved: their syntax is checked with the other definition checks,
 * and once the definition is stored the record store compiles each against it (unknown fields, bad
 * relation hops, …), as upstream resolves rules on save.
 */
final class CollectionRuleChecks {
    private final RecordStore records;

    CollectionRuleChecks(RecordStore records) {
        this.records = records;
    }

    /** Puts a {@code validation_invalid_rule} error under the key of every rule that does not parse. */
    static void syntaxErrors(Collection c, Map<String, ErrorNode> errors) {
        for (Map.Entry<String, AccessRule> rule : rulesByKey(c).entrySet()) {
            if (rule.getValue() instanceof AccessRule.Filter f) {
                try {
                    RuleParser.parseRule(f.expression());
                } catch (BadRequest e) {
                    errors.put(rule.getKey(), invalidRule(e));
                }
            }
        }
    }

    /**
     * Lets the store compile every rule against the stored definition (unknown fields, bad relation
     * hops, …), as upstream resolves rules on save; a failure rolls the transaction back.
     */
    void checkRulesResolve(Collection c, String message) {
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        for (Map.Entry<String, AccessRule> rule : rulesByKey(c).entrySet()) {
            if (rule.getValue() instanceof AccessRule.Filter f) {
                try {
                    records.list(c, new RecordQuery(f.bound(), BoundFilter.ALL, List.of(), 1, 1, true,
                            RequestInfo.guest()));
                } catch (BadRequest e) {
                    errors.put(rule.getKey(), invalidRule(e));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(message, errors);
        }
    }

    private static Map<String, AccessRule> rulesByKey(Collection c) {
        Map<String, AccessRule> out = new LinkedHashMap<>();
        out.put("listRule", c.rules().list());
        out.put("viewRule", c.rules().view());
        out.put("createRule", c.rules().create());
        out.put("updateRule", c.rules().update());
        out.put("deleteRule", c.rules().delete());
        if (c instanceof AuthCollection a) {
            out.put("authRule", a.auth().authRule());
            out.put("manageRule", a.auth().manageRule());
        }
        return out;
    }

    /** Rule errors name the offending character, so the author of a long rule can find it. */
    private static FieldError invalidRule(BadRequest e) {
        String where = e.position() >= 0 ? " (at character " + (e.position() + 1) + ")" : "";
        return FieldError.of("validation_invalid_rule", "Invalid rule. Raw error: " + e.getMessage() + where + ".");
    }
}
