package dev.locket.domain.collection;

import java.util.List;
import java.util.random.RandomGenerator;

/** TEMPORARY stand-in until h/domain lands; deleted at merge. */
public final class SystemCollections {
    private SystemCollections() {
    }

    public static List<Collection> all(String now, RandomGenerator random) {
        throw new UnsupportedOperationException("stand-in");
    }
}
