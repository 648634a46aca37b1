package dev.locket.domain.collection;

/** PocketBase's three collection kinds, named as on the wire. */
public enum CollectionType {
    BASE("base"), AUTH("auth"), VIEW("view");

    private final String wire;

    CollectionType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static java.util.Optional<CollectionType> fromWire(String s) {
        for (CollectionType t : values()) {
            if (t.wire.equals(s)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
