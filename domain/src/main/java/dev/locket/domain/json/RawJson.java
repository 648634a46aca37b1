package dev.locket.domain.json;

import java.util.Objects;

/**
 * A json field value kept as the JSON text that was entered, so it is stored and returned
 * byte-for-byte (PocketBase keeps the raw text, newlines included).
 */
public record RawJson(String text) {
    public RawJson {
        Objects.requireNonNull(text);
    }
}
