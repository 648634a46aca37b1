package dev.locket.domain.filter;

import java.util.Objects;

/** One {@code sort} item: a field path (or {@code @random} / {@code @rowid}) and its direction. */
public record SortItem(String path, boolean descending) {
    public static final String RANDOM = "@random";
    public static final String ROWID = "@rowid";

    public SortItem {
        Objects.requireNonNull(path);
    }

    public boolean isRandom() {
        return RANDOM.equals(path);
    }

    public boolean isRowid() {
        return ROWID.equals(path);
    }
}
