package dev.locket.domain.collection;

import java.util.Map;

/** TEMPORARY stand-in until h/domain lands; deleted at merge. */
public final class CollectionCodec {
    private CollectionCodec() {
    }

    public static Collection fromStorage(Map<String, Object> row) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static Map<String, Object> toStorage(Collection c) {
        throw new UnsupportedOperationException("stand-in");
    }
}
