package dev.locket.domain.field;

import java.util.List;

/** A URL with optional host allow/deny lists. */
public record UrlField(FieldMeta meta, boolean required, List<String> exceptDomains, List<String> onlyDomains) implements Field {
    public UrlField {
        exceptDomains = exceptDomains == null ? List.of() : List.copyOf(exceptDomains); onlyDomains = onlyDomains == null ? List.of() : List.copyOf(onlyDomains);
    }

    @Override
    public String type() {
        return "url";
    }
}
