package dev.locket.domain.collection;

import dev.locket.domain.json.Json;
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
        return CollectionCodec.fromStorage(row(name));
    }
}
