package dev.locket.domain.collection;

import static dev.locket.domain.json.JsonShape.bool;
import static dev.locket.domain.json.JsonShape.text;

import dev.locket.domain.json.Json;
import dev.locket.domain.json.JsonShape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code _collections} rows of the shared PocketBase fixture, extracted once into a test resource. */
public final class FixtureCollections {
    private FixtureCollections() {
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> rows() {
        try (InputStream in = FixtureCollections.class.getResourceAsStream("/fixture/collections.json")) {
            List<Object> list = (List<Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object o : list) {
                out.add((Map<String, Object>) o);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> row(String name) {
        return rows().stream().filter(r -> name.equals(r.get("name"))).findFirst().orElseThrow();
    }

    public static Collection collection(String name) {
        return read(row(name));
    }

    /**
     * A collection from a test's JSON object: a fixture row (type options nested under {@code options})
     * or the flat API shape the rule cases use. The adapters own the real formats; tests only need the
     * shared field and auth option objects around a few plain keys.
     */
    public static Collection read(Map<String, Object> m) {
        Map<String, Object> options = m.get("options") instanceof Map<?, ?> o ? JsonShape.stringKeys(o) : m;
        String wireType = text(m, "type", "");
        CollectionType type = CollectionType.fromWire(wireType.isEmpty() ? "base" : wireType).orElseThrow();
        return Collection.of(type, text(m, "id", ""), text(m, "name", ""), bool(m, "system"),
                FieldCodec.readAll(m.get("fields"), "fields"), CollectionRules.read(m),
                JsonShape.strings(m.get("indexes"), "indexes"), text(m, "created", ""), text(m, "updated", ""),
                text(options, "viewQuery", ""), type == CollectionType.AUTH ? AuthOptionsCodec.read(options) : null);
    }
}
