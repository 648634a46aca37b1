package dev.locket.domain.rule;

import dev.locket.domain.error.BadRequest;
import dev.locket.domain.json.Json;
import dev.locket.domain.json.RawJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * JSON text exactly as the SQLite adapter writes stored lists and bound list/map values (its JSON library's
 * defaults: shortest doubles with a fraction, only control characters escaped), so texts compare alike.
 */
final class BoundJson {
    private BoundJson() {
    }

    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw new BadRequest("value cannot be used in a filter");
        }
        switch (value) {
            case null -> sb.append("null");
            case String s -> Json.quoteStored(sb, s);
            case Boolean b -> sb.append(b);
            case Double d -> sb.append(Double.isFinite(d) ? Double.toString(d) : "\"" + d + "\"");
            case Float f -> sb.append(Float.toString(f));
            case Long l -> sb.append(l);
            case Integer i -> sb.append(i);
            case BigInteger b -> sb.append(b);
            case BigDecimal b -> sb.append(b.toString());
            case Number n -> sb.append(n);
            case RawJson raw -> sb.append(raw.text());
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(sb, l.get(i), depth + 1);
                }
                sb.append(']');
            }
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    Json.quoteStored(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    write(sb, e.getValue(), depth + 1);
                }
                sb.append('}');
            }
            default -> Json.quoteStored(sb, value.toString());
        }
    }
}
