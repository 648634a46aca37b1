package dev.locket.application.port.in.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.application.port.in.record.RecordBody.Modifier;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordBodyTest {

    @Test
    void theBuilderWritesPocketBaseModifierKeysInOrder() {
        RecordBody body = RecordBody.builder().set("title", "x").append("tags", "a").prepend("tags", "z")
                .remove("views", 1).build();

        assertEquals(List.of("title", "tags+", "+tags", "views-"), body.entries().stream().map(RecordBody.Entry::key)
                .toList());
        assertEquals(List.of(Modifier.SET, Modifier.APPEND, Modifier.PREPEND, Modifier.REMOVE),
                body.entries().stream().map(RecordBody.Entry::modifier).toList());
        assertEquals(List.of("title", "tags", "tags", "views"), body.entries().stream().map(RecordBody.Entry::field)
                .toList());
    }

    @Test
    void rawKeysAreKeptAsSubmittedAndALaterValueReplacesAnEarlierOne() {
        RecordBody body = RecordBody.builder().put("a", 1).put("+", 2).put("@jsonPayload", "x").put("a", 3).build();

        assertEquals(List.of("a", "+", "@jsonPayload"), body.entries().stream().map(RecordBody.Entry::key).toList());
        assertEquals(3, body.entry("a").orElseThrow().value());
        assertEquals(Modifier.SET, body.entry("+").orElseThrow().modifier(), "a lone + names no field");
        assertEquals(Optional.empty(), body.entry("missing"));
    }

    @Test
    void valuesAreFrozenCopies() {
        List<Object> tags = new ArrayList<>(List.of("a"));
        RecordBody body = RecordBody.builder().set("tags", tags).set("meta", Map.of("k", List.of(1))).build();
        tags.add("b");

        assertEquals(List.of("a"), body.entry("tags").orElseThrow().value());
        @SuppressWarnings("unchecked")
        List<Object> stored = (List<Object>) body.entry("tags").orElseThrow().value();
        assertThrows(UnsupportedOperationException.class, () -> stored.add("c"));
    }

    @Test
    void typedSettersRefuseWhatIsNotAFieldName() {
        assertThrows(IllegalArgumentException.class, () -> RecordBody.builder().set("tags+", 1));
        assertThrows(IllegalArgumentException.class, () -> RecordBody.builder().append("", 1));
        assertThrows(IllegalArgumentException.class, () -> RecordBody.builder().remove(null, 1));
    }

    @Test
    void filesTravelWithTheValues() {
        byte[] bytes = "hi".getBytes();
        UploadedFile doc = new UploadedFile("doc", "a.txt", bytes.length, offset -> new ByteArrayInputStream(bytes));
        RecordBody body = RecordBody.builder().set("title", "x").file(doc).build();

        assertEquals(List.of(doc), body.files());
        assertEquals(List.of(), body.withFiles(List.of()).files());
        assertEquals(body, body.toBuilder().build());
        assertTrue(RecordBody.builder().build().isEmpty());
        assertEquals(RecordBody.empty(), RecordBody.builder().build());
    }
}
