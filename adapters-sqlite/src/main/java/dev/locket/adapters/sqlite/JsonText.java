package dev.locket.adapters.sqlite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text ⇄ JSON-shaped values (LinkedHashMap, ArrayList, String, Number, Boolean, null). */
final class JsonText {
    // Jackson's default buffer pool is per thread, and every request runs on a new virtual thread: each parse
    // allocated fresh buffers. A shared bounded pool reuses them across requests.
    private final ObjectMapper mapper = JsonMapper.builder(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build()).build();

    Object parse(String text) {
        try {
            return mapper.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new SqlFailure("stored JSON is malformed: " + e.getOriginalMessage(), e);
        }
    }

    Map<String, Object> parseObject(String text) {
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> m = mapper.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
            return m == null ? new LinkedHashMap<>() : m;
        } catch (JsonProcessingException e) {
            throw new SqlFailure("stored JSON object is malformed: " + e.getOriginalMessage(), e);
        }
    }

    List<Object> parseArray(String text) {
        if (text == null || text.isBlank()) {
            return new ArrayList<>();
        }
        try {
            List<Object> l = mapper.readValue(text, new TypeReference<ArrayList<Object>>() { });
            return l == null ? new ArrayList<>() : l;
        } catch (JsonProcessingException e) {
            throw new SqlFailure("stored JSON array is malformed: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON array of strings, or null when the text is not one. */
    List<String> tryStringArray(String text) {
        try {
            Object v = mapper.readValue(text, Object.class);
            if (!(v instanceof List<?> list)) {
                return null;
            }
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o != null) {
                    out.add(o instanceof String s ? s : String.valueOf(o));
                }
            }
            return out;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Whether the text parses as JSON. */
    boolean isValid(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            mapper.readTree(text);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Whether the text parses as one JSON object. */
    boolean isObject(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            return mapper.readTree(text).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SqlFailure("cannot serialise value: " + e.getOriginalMessage(), e);
        }
    }
}
