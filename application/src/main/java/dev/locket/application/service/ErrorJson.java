package dev.locket.application.service;

import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
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

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
