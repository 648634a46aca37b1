/**
 * The rule language's value model: values, comparisons, LIKE, JSON and date functions exactly as SQLite
 * evaluates them. PocketBase compiles rules and filters to SQLite SQL, so SQLite's semantics are the
 * definition of what a rule means; the in-memory evaluator computes with this model and the SQLite adapter
 * runs SQLite itself, and the shared case table holds both to the same answers.
 */
package dev.locket.domain.rule.value;
