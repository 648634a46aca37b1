/**
 * The filter language of API rules, client filters and sorts as text becomes a tree: tokenizer, parser, the
 * expression tree ({@link dev.locket.domain.filter.Expr}), a collection's {@link dev.locket.domain.filter.AccessRule}
 * and typed {@link dev.locket.domain.filter.Lookup}s. It knows no collection or record: binding a tree to a
 * schema and a request, and evaluating it, is {@code dev.locket.domain.rule}'s job (and the SQLite adapter's).
 */
package dev.locket.domain.filter;
