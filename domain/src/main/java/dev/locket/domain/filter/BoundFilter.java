package dev.locket.domain.filter;

import java.util.Objects;

/**
 * A rule or filter parsed once, ready for the record store's SQL translation and the in-memory
 * {@link RuleEvaluator} alike: this tree, never rule text, crosses the store port. Field paths are resolved
 * against the collection when a store or the evaluator applies it (cheap look-ups on the cached collection),
 * and {@code @request.*} per request, so one bound filter serves every request.
 *
 * <p>{@code allowHidden} says how far the filter may reach: an API rule (and a superuser's client filter)
 * sees hidden fields and every collection; a non-superuser's client filter is held to its owner's limits.
 *
 * @param expr        the parsed tree; {@code null} when the filter is blank and matches every record
 * @param allowHidden whether hidden fields and list-locked collections may be used
 * @param source      the text it came from, for diagnostics ({@code ""} for a blank or built filter)
 */
public record BoundFilter(Expr expr, boolean allowHidden, String source) {

    /** No condition: every record matches (a public rule, an absent client filter). */
    public static final BoundFilter ALL = new BoundFilter(null, true, "");

    public BoundFilter {
        source = Objects.requireNonNullElse(source, "");
    }

    /**
     * An API rule's expression (no byte limit; hidden fields visible); blank matches everything.
     *
     * @throws dev.locket.domain.error.BadRequest when it does not parse
     */
    public static BoundFilter rule(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        return new BoundFilter(RuleParser.parseRule(text), true, text);
    }

    /**
     * A client's {@code filter} parameter: a superuser's is read like a rule, anybody else's with the
     * {@link RuleParser#MAX_FILTER_BYTES} limit and without hidden fields; blank matches everything.
     *
     * @throws dev.locket.domain.error.BadRequest when it does not parse or is too long
     */
    public static BoundFilter client(String text, boolean superuser) {
        if (text == null || text.isBlank()) {
            return superuser ? ALL : new BoundFilter(null, false, "");
        }
        return new BoundFilter(superuser ? RuleParser.parseRule(text) : RuleParser.parse(text), superuser, text);
    }

    /** A typed record lookup as a filter (system-side: hidden fields such as tokens may be matched). */
    public static BoundFilter of(Lookup lookup) {
        return new BoundFilter(lookup.expr(), true, "");
    }

    /** Whether this filter has no condition at all. */
    public boolean matchesAll() {
        return expr == null;
    }
}
