package dev.locket.domain.filter;

import dev.locket.domain.json.Json;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream's placeholder parameters of a filter ({@code title = {:title}}, dbx params): before the filter is
 * parsed every {@code {:name}} is replaced by its value written as a literal of the filter language, so a value
 * can never change the expression around it. As upstream: {@code null} becomes {@code null}, booleans and
 * numbers are written plainly, anything else as a quoted text (lists and maps as their JSON), quoted the way
 * Go's {@code strconv.Quote} does; a placeholder without a parameter is left as it is (and fails to parse).
 */
public final class FilterParams {

    private FilterParams() {
    }

    /** {@code filter} with each {@code {:key}} of {@code params} replaced by the value's literal. */
    public static String substitute(String filter, Map<String, ?> params) {
        Objects.requireNonNull(filter);
        if (params == null || params.isEmpty()) {
            return filter;
        }
        String out = filter;
        for (Map.Entry<String, ?> p : params.entrySet()) {
            out = out.replace("{:" + p.getKey() + "}", literal(p.getValue()));
        }
        return out;
    }

    /** The filter-language literal upstream writes for one parameter value. */
    static String literal(Object value) {
        return switch (value) {
            case null -> "null";
            case Boolean b -> b.toString();
            case Double d -> Json.plainFloat(d);
            case Float f -> Json.plainFloat(f);
            case Number n -> Json.number(n);
            case CharSequence s -> goQuote(s.toString());
            case Map<?, ?> m -> goQuote(Json.writeGo(m, other -> null));
            case java.util.List<?> l -> goQuote(Json.writeGo(l, other -> null));
            default -> goQuote(value.toString());
        };
    }

    /**
     * Go's {@code strconv.Quote}: double quotes, {@code \"} and {@code \\}, the short escapes of control
     * characters and {@code \xNN} / {@code \\uNNNN} for the other unprintable ones. The filter tokenizer only
     * un-escapes the quote, as upstream's, so the text matches what upstream compares with.
     */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\u0007' -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\u000b' -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isISOControl(c)) {
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
