package dev.locket.domain.collection;

import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.json.JsonShape;
import java.util.Map;
import java.util.Objects;

/** The five record API rules of a collection. */
public record CollectionRules(AccessRule list, AccessRule view, AccessRule create, AccessRule update,
                              AccessRule delete) {
    public CollectionRules {
        Objects.requireNonNull(list);
        Objects.requireNonNull(view);
        Objects.requireNonNull(create);
        Objects.requireNonNull(update);
        Objects.requireNonNull(delete);
    }

    /** Every action superuser-only: what a new collection and every system collection starts with. */
    public static CollectionRules locked() {
        return new CollectionRules(AccessRule.LOCKED, AccessRule.LOCKED, AccessRule.LOCKED, AccessRule.LOCKED,
                AccessRule.LOCKED);
    }

    /**
     * The five rules under their keys ({@code listRule} … {@code deleteRule}), as both a stored row and
     * the REST API hold them.
     *
     * @throws JsonShape.Mismatch at the first rule that is neither text nor {@code null}
     */
    public static CollectionRules read(Map<String, Object> m) {
        return new CollectionRules(rule(m, "listRule"), rule(m, "viewRule"), rule(m, "createRule"),
                rule(m, "updateRule"), rule(m, "deleteRule"));
    }

    /**
     * The rule under {@code key}: {@code null} (or missing) locks, text opens or filters.
     *
     * @throws JsonShape.Mismatch when it is neither text nor {@code null}
     */
    public static AccessRule rule(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return AccessRule.LOCKED;
        }
        if (!(v instanceof String s)) {
            throw new JsonShape.Mismatch(key);
        }
        return AccessRule.of(s);
    }

    /** Puts the five rules under their keys, in PocketBase's order. */
    public void write(Map<String, Object> out) {
        out.put("listRule", list.raw());
        out.put("viewRule", view.raw());
        out.put("createRule", create.raw());
        out.put("updateRule", update.raw());
        out.put("deleteRule", delete.raw());
    }
}
