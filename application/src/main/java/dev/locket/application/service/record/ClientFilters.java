package dev.locket.application.service.record;

import dev.locket.domain.filter.BoundFilter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client {@code filter} parameters bound once: clients repeat the same few filters (a list page, a
 * subscription), so their parse is kept, bounded, and shared across requests. The parse does not depend on
 * the collection; field paths and {@code @request.*} are resolved per use.
 */
public final class ClientFilters {
    /** Beyond this many distinct filters the cache starts over (hostile clients cannot grow it). */
    private static final int MAX = 1024;

    private record Key(String text, boolean superuser) {
    }

    private final Map<Key, BoundFilter> bound = new ConcurrentHashMap<>();

    /**
     * {@link BoundFilter#client} of {@code text}, from the cache when seen before.
     *
     * @throws dev.locket.domain.error.BadRequest when it does not parse (never cached)
     */
    public BoundFilter bind(String text, boolean superuser) {
        if (text == null || text.isBlank()) {
            return BoundFilter.client(text, superuser);
        }
        Key key = new Key(text, superuser);
        BoundFilter found = bound.get(key);
        if (found != null) {
            return found;
        }
        BoundFilter fresh = BoundFilter.client(text, superuser);
        if (bound.size() >= MAX) {
            bound.clear();
        }
        bound.put(key, fresh);
        return fresh;
    }
}
