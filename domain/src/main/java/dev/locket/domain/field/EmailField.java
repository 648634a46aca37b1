package dev.locket.domain.field;

import java.util.List;

/** An e-mail address with optional domain allow/deny lists. */
public record EmailField(FieldMeta meta, boolean required, List<String> exceptDomains, List<String> onlyDomains) implements Field {
    public EmailField {
        exceptDomains = exceptDomains == null ? List.of() : List.copyOf(exceptDomains); onlyDomains = onlyDomains == null ? List.of() : List.copyOf(onlyDomains);
    }

    @Override
    public String type() {
        return "email";
    }
}
