package dev.locket.application.fake;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.domain.collection.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link CollectionStore} over a list, in creation order; snapshots for {@link InMemoryTransactions}. */
public final class InMemoryCollectionStore implements CollectionStore, InMemoryTransactions.Snapshotting {
    private List<Collection> collections = new ArrayList<>();

    public InMemoryCollectionStore(Collection... initial) {
        collections.addAll(List.of(initial));
    }

    @Override
    public synchronized List<Collection> all() {
        return List.copyOf(collections);
    }

    @Override
    public synchronized Optional<Collection> find(String idOrName) {
        for (Collection c : collections) {
            if (c.id().equals(idOrName)) {
                return Optional.of(c);
            }
        }
        for (Collection c : collections) {
            if (c.name().equalsIgnoreCase(idOrName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void create(Collection collection) {
        collections.add(collection);
    }

    @Override
    public synchronized void update(Collection before, Collection after) {
        for (int i = 0; i < collections.size(); i++) {
            if (collections.get(i).id().equals(before.id())) {
                collections.set(i, after);
                return;
            }
        }
        throw new IllegalStateException("no collection " + before.id());
    }

    @Override
    public synchronized void delete(Collection collection) {
        collections.removeIf(c -> c.id().equals(collection.id()));
    }

    @Override
    public synchronized Object snapshot() {
        return new ArrayList<>(collections);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        collections = new ArrayList<>((List<Collection>) snapshot);
    }
}
