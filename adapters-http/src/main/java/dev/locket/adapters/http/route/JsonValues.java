package dev.locket.adapters.http.route;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.record.Record;
import dev.locket.domain.record.RecordShape;
import dev.locket.domain.types.GeoPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Java values to and from the JSON-shaped trees the wire layer reads and writes, for custom routes. */
final class JsonValues {

    /** Go's {@code json.Unmarshal} leniency: unknown keys ignored, a single value accepted for a list. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .build();

    private JsonValues() {
    }

    /** A value as a JSON-shaped tree: records of collections as the API writes them, other objects by their properties. */
    static Object shape(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            case RawJson raw -> raw;
            case GeoPoint p -> p;
            case Record r -> RecordShape.toMap(r);
            case Optional<?> o -> shape(o.orElse(null));
            case Enum<?> e -> e.name();
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), shape(v)));
                yield out;
            }
            case Collection<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(v -> out.add(shape(v)));
                yield out;
            }
            case Object[] array -> shape(List.of(array));
            default -> shape(MAPPER.convertValue(value, Object.class));
        };
    }

    /**
     * Form values as text ({@code @jsonPayload} objects merged in): one value as a string, several as a list,
     * for binding to typed fields, which convert the text themselves.
     */
    static Map<String, Object> formText(Map<String, List<String>> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> payloads = new ArrayList<>();
        values.forEach((k, v) -> {
            if (k.equals("@jsonPayload")) {
                payloads.addAll(v);
            } else if (v.size() == 1) {
                out.put(k, v.getFirst());
            } else if (!v.isEmpty()) {
                out.put(k, List.copyOf(v));
            }
        });
        for (String payload : payloads) {
            try {
                if (dev.locket.domain.json.Json.parse(payload) instanceof Map<?, ?> object) {
                    object.forEach((k, v) -> out.put(String.valueOf(k), v));
                }
            } catch (IllegalArgumentException e) {
                throw new BadRequest(BadRequest.LOAD_FAILED, e);
            }
        }
        return out;
    }

    /** The body values bound to {@code type}; a mismatch is upstream's "An error occurred while loading the submitted data." */
    static <T> T bind(Map<String, Object> body, Class<T> type) {
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        try {
            return MAPPER.convertValue(body, type);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(BadRequest.LOAD_FAILED, e);
        }
    }
}
