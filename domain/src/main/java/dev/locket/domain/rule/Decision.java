package dev.locket.domain.rule;

/** What {@link RuleEvaluator} concludes about a rule for one record and request. */
public enum Decision {
    /** The rule certainly matches. */
    ALLOW,
    /** The rule certainly does not match. */
    DENY,
    /** The answer depends on data outside the record and request (relations, {@code @collection}, …). */
    NEEDS_STORE
}
