package dev.locket.domain.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.DateField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.json.Json;
import dev.locket.domain.json.JsonShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldCodecTest {

    @Test
    void fieldObjectsHavePocketBaseKeysPerType() {
        Collection demo1 = FixtureCollections.collection("demo1");
        assertEquals(List.of("help", "hidden", "id", "max", "min", "name", "onlyInt", "presentable", "required",
                "system", "type"), new ArrayList<>(FieldCodec.write(demo1.field("number").orElseThrow()).keySet()));
        assertEquals(List.of("hidden", "id", "name", "onCreate", "onUpdate", "presentable", "system", "type"),
                new ArrayList<>(FieldCodec.write(demo1.field("created").orElseThrow()).keySet()));
        Map<String, Object> editor = FieldCodec.write(FieldCodec.readOrFail(Map.of("name", "body", "type", "editor")));
        assertEquals(List.of("convertURLs", "help", "hidden", "id", "maxSize", "name", "presentable", "required",
                "system", "type"), new ArrayList<>(editor.keySet()));
    }

    @Test
    void wholeNumberBoundsAreWrittenWithoutDecimals() {
        NumberField f = new NumberField(new FieldMeta("n1", "n", false, false, false, ""), false, 5.0, 2.5, false);
        assertEquals("{\"help\":\"\",\"hidden\":false,\"id\":\"n1\",\"max\":2.5,\"min\":5,\"name\":\"n\","
                + "\"onlyInt\":false,\"presentable\":false,\"required\":false,\"system\":false,\"type\":\"number\"}",
                Json.write(FieldCodec.write(f)));
    }

    @Test
    void missingOptionsTakeTheZeroValues() {
        List<Field> fields = FieldCodec.readAll(List.of(Map.of("name", "title", "type", "text"),
                Map.of("name", "tags", "type", "select")), "fields");
        TextField title = (TextField) fields.get(0);
        assertEquals(0, title.max());
        assertEquals("", title.meta().id());
        assertEquals(List.of(), ((SelectField) fields.get(1)).values());
    }

    @Test
    void theBadOptionOfTheBadFieldIsReportedAtItsPath() {
        List<Object> fields = List.of(Map.of("name", "a", "type", "text"),
                Map.of("name", "b", "type", "text", "max", "ten"));
        JsonShape.Mismatch e = assertThrows(JsonShape.Mismatch.class, () -> FieldCodec.readAll(fields, "fields"));
        assertEquals(List.of("fields", "1", "max"), e.path());
        assertEquals("validation_invalid_value", e.error().code());
        assertEquals(List.of("fields"), assertThrows(JsonShape.Mismatch.class,
                () -> FieldCodec.readAll("nope", "fields")).path());
    }

    @Test
    void unknownTypesAreRejected() {
        ValidationFailed f = assertThrows(ValidationFailed.class,
                () -> FieldCodec.readOrFail(Map.of("name", "x", "type", "blob")));
        assertEquals(JsonShape.BAD_FORMAT, f.getMessage());
        assertEquals("validation_invalid_field_type", ((FieldError) f.errors().get("type")).code());
    }

    @Test
    void dateBoundsAreStoredCanonically() {
        DateField d = (DateField) FieldCodec.readOrFail(Map.of("name", "when", "type", "date",
                "min", "2024-01-01", "max", "not a date"));
        assertEquals("2024-01-01 00:00:00.000Z", d.min());
        assertEquals("", d.max());
    }

    @Test
    void autodateFieldRoundTrips() {
        Field f = FieldCodec.readOrFail(Map.of("name", "created", "type", "autodate", "onCreate", true));
        AutodateField a = assertInstanceOf(AutodateField.class, f);
        assertTrue(a.onCreate());
        assertFalse(a.onUpdate());
        assertEquals(a, FieldCodec.readOrFail(FieldCodec.write(a)));
    }

    @Test
    void everyFixtureFieldSurvivesARoundTripAndACopyUnderNewMeta() {
        for (Map<String, Object> row : FixtureCollections.rows()) {
            for (Field f : FixtureCollections.read(row).fields()) {
                assertEquals(f, FieldCodec.readOrFail(FieldCodec.write(f)), row.get("name") + "." + f.name());
                FieldMeta other = f.meta().withId("other").withName("renamed");
                Map<String, Object> expected = FieldCodec.write(f);
                expected.put("id", "other");
                expected.put("name", "renamed");
                assertEquals(expected, FieldCodec.write(f.withMeta(other)), f.type());
            }
        }
    }
}
