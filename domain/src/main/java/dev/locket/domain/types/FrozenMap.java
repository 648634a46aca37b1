package dev.locket.domain.types;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An insertion-ordered map nobody can change. The domain's records ({@code Record}, {@code RequestInfo}) copy the
 * maps they are given; handed one of these they keep it as it is, so re-wrapping a record's values (a new expand,
 * a projection) copies nothing. A {@link Builder} hands its map over without a copy: every stored row and every
 * request passes through several of these records, and their copies were 4–5 % of a request's CPU (issue 16).
 */
public final class FrozenMap<K, V> extends AbstractMap<K, V> {
    private static final FrozenMap<Object, Object> EMPTY = new FrozenMap<>(new LinkedHashMap<>());

    private final Map<K, V> map;
    private final Map<K, V> view;

    private FrozenMap(Map<K, V> map) {
        this.map = map;
        this.view = Collections.unmodifiableMap(map);
    }

    /** {@code source} itself when it is frozen already, else a frozen copy in its iteration order (null: empty). */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> copyOf(Map<? extends K, ? extends V> source) {
        if (source instanceof FrozenMap<?, ?> frozen) {
            return (Map<K, V>) frozen;
        }
        if (source == null || source.isEmpty()) {
            return (Map<K, V>) EMPTY;
        }
        return new FrozenMap<>(new LinkedHashMap<>(source));
    }

    public static <K, V> Builder<K, V> builder() {
        return new Builder<>();
    }

    /** Collects entries in order; {@link #build()} freezes them without a copy and retires the builder. */
    public static final class Builder<K, V> {
        private LinkedHashMap<K, V> map = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder<K, V> put(K key, V value) {
            open().put(key, value);
            return this;
        }

        public Builder<K, V> putIfAbsent(K key, V value) {
            open().putIfAbsent(key, value);
            return this;
        }

        public Map<K, V> build() {
            Map<K, V> built = new FrozenMap<>(open());
            map = null;
            return built;
        }

        private LinkedHashMap<K, V> open() {
            if (map == null) {
                throw new IllegalStateException("this builder's map is already frozen");
            }
            return map;
        }
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return map.getOrDefault(key, defaultValue);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return map.containsValue(value);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        map.forEach(action);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return view.entrySet();
    }

    @Override
    public Set<K> keySet() {
        return view.keySet();
    }

    @Override
    public Collection<V> values() {
        return view.values();
    }
}
