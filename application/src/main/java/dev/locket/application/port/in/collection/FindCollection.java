package dev.locket.application.port.in.collection;

import dev.locket.domain.collection.Collection;
import java.util.Optional;

/**
 * A collection looked up as a route names it: by id (exact) or name (case-insensitive), as
 * upstream's {@code FindCachedCollectionByNameOrId}. Needs no rights: it only tells the HTTP layer
 * which collection a path means (rate-limit keys and labels), never what it holds.
 */
@FunctionalInterface
public interface FindCollection {

    Optional<Collection> find(String idOrName);

    /** Finds nothing: embedders without collections. */
    static FindCollection none() {
        return idOrName -> Optional.empty();
    }
}
