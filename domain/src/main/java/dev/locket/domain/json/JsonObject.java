package dev.locket.domain.json;

import java.util.Map;
import java.util.Objects;

/**
 * An immutable JSON object whose members are only known at run time (a provider's raw user payload,
 * an error's details), kept in insertion order. Its members are JSON-shaped (String, Number, Boolean,
 * null, lists and nested objects), deep-copied and frozen on construction, so it can cross a port as a
 * value without handing out a mutable map.
 */
public final class JsonObject {
    private static final JsonObject EMPTY = new JsonObject(Map.of());

    private final Map<String, Object> members;

    private JsonObject(Map<String, Object> members) {
        this.members = members;
    }

    public static JsonObject empty() {
        return EMPTY;
    }

    /** A frozen deep copy of {@code members}; keys are taken as their text. {@code null} gives the empty object. */
    @SuppressWarnings("unchecked")
    public static JsonObject of(Map<?, ?> members) {
        if (members == null || members.isEmpty()) {
            return EMPTY;
        }
        return new JsonObject((Map<String, Object>) JsonShape.frozenCopy(members));
    }

    /** The members, read-only, in insertion order. */
    public Map<String, Object> asMap() {
        return members;
    }

    /** The member's value; {@code null} when absent or null. */
    public Object get(String key) {
        return members.get(key);
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject j && members.equals(j.members);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(members);
    }

    @Override
    public String toString() {
        return "JsonObject" + members;
    }
}
