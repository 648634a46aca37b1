package dev.locket.domain.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nested validation errors keyed by property name or array index (as a string). */
public record ErrorGroup(Map<String, ErrorNode> children) implements ErrorNode {
    public ErrorGroup {
        children = Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }
}
