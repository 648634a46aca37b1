package dev.locket.domain.collection;

import dev.locket.domain.rule.AccessRule;
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
}
