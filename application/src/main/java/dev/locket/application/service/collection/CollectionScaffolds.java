package dev.locket.application.service.collection;

import dev.locket.application.port.in.collection.ManageCollections.Scaffolds;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.collection.ViewCollection;
import java.util.List;
import java.util.random.RandomGenerator;

/** The blank collection of each type the admin UI starts a new one from, with PocketBase's defaults. */
final class CollectionScaffolds {
    private CollectionScaffolds() {
    }

    static Scaffolds of(RandomGenerator random) {
        CollectionRules locked = CollectionRules.locked();
        return new Scaffolds(
                new BaseCollection("", "", false, List.of(SystemCollections.idField()), locked, List.of(), "", ""),
                new AuthCollection("", "", false, SystemCollections.authDefaultFields(), locked,
                        SystemCollections.authIndexes("", ""), "", "", SystemCollections.defaultAuthOptions(random)),
                new ViewCollection("", "", false, List.of(), locked, List.of(), "", "", ""));
    }
}
