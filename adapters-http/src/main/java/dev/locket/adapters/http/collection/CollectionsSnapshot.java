package dev.locket.adapters.http.collection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.locket.adapters.http.json.GoJson;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Locket's collection-snapshot migration file ({@code pb_migrations/<unix>_<name>.json}): an {@code up} and a
 * {@code down} step, each the body of {@code PUT /api/collections/import} ({@code collections} in the API's
 * JSON, {@code deleteMissing}) or {@code null} for a step that does nothing. Upstream writes such snapshots
 * as JavaScript; Locket, which runs no JavaScript, keeps the same content as JSON.
 */
public final class CollectionsSnapshot {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Both steps of one migration; an empty step changes nothing. */
    public record Steps(Optional<ManageCollections.Import> up, Optional<ManageCollections.Import> down) {
    }

    private CollectionsSnapshot() {
    }

    /**
     * Writes a migration file whose steps import {@code up} and {@code down} (each with {@code deleteMissing},
     * so the step brings the schema to exactly that list); a null list leaves the step empty.
     */
    public static void write(Path file, List<Collection> up, List<Collection> down) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("up", step(up));
        out.put("down", step(down));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Object plain = GoJson.read(GoJson.writeString(out));
            Files.writeString(file, PRETTY.writeValueAsString(plain) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Map<String, Object> step(List<Collection> collections) {
        if (collections == null) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("collections", collections.stream().map(CollectionJson::write).toList());
        s.put("deleteMissing", true);
        return s;
    }

    /** Reads a migration file; a malformed one is a {@link BadRequest} naming the file. */
    public static Steps read(Path file) {
        Object parsed;
        try {
            parsed = GoJson.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new BadRequest("Cannot read migration " + file.getFileName() + ": " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> root)) {
            throw new BadRequest("Migration " + file.getFileName() + " is not a JSON object with up and down.");
        }
        return new Steps(readStep(file, root.get("up")), readStep(file, root.get("down")));
    }

    private static Optional<ManageCollections.Import> readStep(Path file, Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Map<?, ?> step) || !(step.get("collections") instanceof List<?> list)) {
            throw new BadRequest("Migration " + file.getFileName() + ": each step is null or {\"collections\": [...]}.");
        }
        List<CollectionDraft> drafts = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new BadRequest("Migration " + file.getFileName() + ": collections holds a non-object.");
            }
            Map<String, Object> item = new LinkedHashMap<>();
            m.forEach((k, v) -> item.put(String.valueOf(k), v));
            drafts.add(CollectionJson.readDraft(item));
        }
        return drafts.isEmpty() ? Optional.empty()
                : Optional.of(new ManageCollections.Import(drafts, Boolean.TRUE.equals(step.get("deleteMissing"))));
    }
}
