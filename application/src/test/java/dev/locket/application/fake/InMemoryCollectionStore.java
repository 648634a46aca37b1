package dev.locket.application.fake;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.record.Record;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link CollectionStore} over a list, in creation order; snapshots for {@link InMemoryTransactions}. */
public final class InMemoryCollectionStore implements CollectionStore, InMemoryTransactions.Snapshotting {
    private List<Collection> collections = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> viewRows = new HashMap<>();
    private final Map<String, List<String>> viewColumns = new HashMap<>();

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

    /**
     * Teaches the fake a view query: its result columns and rows (values already canonical). Unknown
     * queries fail as SQLite would reject them.
     */
    public synchronized void answerViewQuery(String query, List<String> columns, List<Map<String, Object>> rows) {
        viewColumns.put(query.strip(), List.copyOf(columns));
        viewRows.put(query.strip(), List.copyOf(rows));
    }

    @Override
    public synchronized List<String> viewColumns(String selectQuery) {
        List<String> columns = viewColumns.get(selectQuery == null ? "" : selectQuery.strip());
        if (columns == null) {
            throw new BadRequest("near \"" + selectQuery + "\": syntax error");
        }
        return columns;
    }

    @Override
    public synchronized List<Record> viewSample(ViewCollection view, int limit) {
        List<String> columns = viewColumns(view.viewQuery());
        List<Record> out = new ArrayList<>();
        for (Map<String, Object> row : viewRows.get(view.viewQuery().strip())) {
            if (out.size() == limit) {
                break;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            columns.forEach(c -> values.put(c, row.get(c)));
            out.add(new Record(view, values));
        }
        return out;
    }
}
