package dev.locket.application.service.collection;

import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.json.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validation errors as indented JSON of their messages (keys sorted), the form PocketBase embeds in
 * an import failure ("Data validations failed for collection …").
 */
final class ErrorJson {

    private ErrorJson() {
    }

    static String indented(Map<String, ? extends ErrorNode> errors) {
        StringBuilder sb = new StringBuilder();
        write(sb, errors, "");
        return sb.toString();
    }

    private static void write(StringBuilder sb, Map<String, ? extends ErrorNode> errors, String indent) {
        if (errors.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        String inner = indent + "  ";
        boolean first = true;
        for (Map.Entry<String, ? extends ErrorNode> e : new TreeMap<>(errors).entrySet()) {
            if (!first) {
                sb.append(",\n");
            }
            first = false;
            sb.append(inner).append(quote(e.getKey())).append(": ");
            switch (e.getValue()) {
                case FieldError f -> sb.append(quote(f.message()));
                case ErrorGroup g -> write(sb, g.children(), inner);
            }
        }
        sb.append('\n').append(indent).append('}');
    }

    /** Go's JSON string spelling (MarshalIndent escapes {@code <>&} too), shared with the domain's writer. */
    private static String quote(String s) {
        return Json.writeGo(s, v -> null);
    }
}
