package dev.locket.domain.field;

import static dev.locket.domain.field.Fields.map;
import static dev.locket.domain.field.Fields.meta;
import static dev.locket.domain.field.Fields.number;
import static dev.locket.domain.field.Fields.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.json.RawJson;
import dev.locket.domain.types.GeoPoint;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueFieldsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', value = {
            "12;12.0", "-1.5;-1.5", "1e3;1000.0", "abc;0.0", "'';0.0", "' 5';0.0", "1_000;0.0", "0x10;0.0",
            "1e400;0.0", "NaN;NaN", "Inf;Infinity", "-inf;-Infinity", "+Infinity;Infinity", ".5;0.5"})
    void numberParsesTextLikeGo(String raw, double expected) {
        assertEquals(expected, (Double) number(false, null, null, false).normalize(raw));
    }

    @Test
    void numberCoercesOtherShapes() {
        NumberField f = number(false, null, null, false);
        assertEquals(1.0, f.normalize(true));
        assertEquals(0.0, f.normalize(false));
        assertEquals(0.0, f.normalize(null));
        assertEquals(0.0, f.normalize(List.of(1)));
        assertEquals(7.0, f.normalize(7L));
        assertEquals(0.0, f.zero());
    }

    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = ';', nullValues = "NULL", value = {
            "false;NULL;NULL;false;NaN;validation_not_a_number|The submitted number is not properly formatted.",
            "false;NULL;NULL;false;Infinity;validation_not_a_number|The submitted number is not properly formatted.",
            "true;NULL;NULL;false;0;validation_required|Cannot be blank.",
            "false;5;10;true;0;ok",
            "false;NULL;NULL;true;1.5;validation_only_int_constraint|Decimal numbers are not allowed.",
            "false;5;NULL;false;4;validation_min_number_constraint|Must be greater or equal than 5.|{min=5}",
            "false;2.5;NULL;false;1;validation_min_number_constraint|Must be greater or equal than 2.5.|{min=2.5}",
            "false;NULL;10;false;11;validation_max_number_constraint|Must be less or equal than 10.|{max=10}",
            "false;5;10;false;5;ok",
            "false;5;10;false;10;ok",
            "false;-10;-5;false;-7;ok",
            "false;NULL;0.00001;false;1;validation_max_number_constraint|Must be less or equal than 1e-05.|{max=1.0E-5}",
    })
    void numberValidation(boolean required, Double min, Double max, boolean onlyInt, double value, String expected) {
        assertEquals(expected, outcome(number(required, min, max, onlyInt).validate(value)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', value = {
            "2024-05-01 09:15:00.123Z;2024-05-01 09:15:00.123Z",
            "2024-05-01 09:15:00Z;2024-05-01 09:15:00.000Z",
            "2024-05-01T09:15:00Z;2024-05-01 09:15:00.000Z",
            "2024-05-01T09:15:00.123456789+02:00;2024-05-01 07:15:00.123Z",
            "2024-05-01T09:15:00;2024-05-01 09:15:00.000Z",
            "2024-05-01 09:15:00;2024-05-01 09:15:00.000Z",
            "2024-05-01 09:15:00 -0700;2024-05-01 16:15:00.000Z",
            "2024-05-01 09:15:00.5 +0000 UTC;2024-05-01 09:15:00.500Z",
            "2024-05-01;2024-05-01 00:00:00.000Z",
            "'Wed, 01 May 2024 09:15:00 GMT';2024-05-01 09:15:00.000Z",
            "01 May 2024;2024-05-01 00:00:00.000Z",
            "2024-02-30;''",
            "yesterday;''",
            "1714554900;''",
            "0001-01-01 00:00:00.000Z;''",
            "'';''"})
    void dateAcceptsCommonLayoutsAndBlanksTheRest(String raw, String expected) {
        assertEquals(expected, new DateField(meta("d"), false, "", "").normalize(raw));
    }

    @Test
    void dateIgnoresNumbersAndValidatesBounds() {
        DateField f = new DateField(meta("d"), true, "2024-01-01 00:00:00.000Z", "2024-12-31 00:00:00.000Z");
        assertEquals("", f.normalize(1714554900L));
        assertEquals("validation_required|Cannot be blank.", outcome(f.validate("")));
        assertEquals("ok", outcome(f.validate("2024-01-01 00:00:00.000Z")));
        assertEquals("validation_min_greater_equal_than_required|Must be no less than 2024-01-01 00:00:00 +0000 UTC."
                + "|{threshold=2024-01-01T00:00:00Z}", outcome(f.validate("2023-12-31 23:59:59.999Z")));
        assertEquals("validation_max_less_equal_than_required|Must be no greater than 2024-12-31 00:00:00 +0000 UTC."
                + "|{threshold=2024-12-31T00:00:00Z}", outcome(f.validate("2025-01-01 00:00:00.000Z")));
        assertTrue(f.isBlank(""));
        assertFalse(f.isBlank("2024-05-01 00:00:00.000Z"));
    }

    @Test
    void autodateNeverFailsValidation() {
        AutodateField f = new AutodateField(meta("created"), true, false);
        assertEquals("ok", outcome(f.validate("")));
        assertEquals("2024-05-01 09:15:00.000Z", f.normalize("2024-05-01T09:15:00Z"));
        assertEquals("", f.zero());
    }

    @Test
    void jsonStringRules() {
        JsonField f = new JsonField(meta("j"), false, 0);
        assertEquals(new RawJson("[1, 2]"), f.normalize("[1, 2]"));
        assertEquals(new RawJson("{\"a\":1}"), f.normalize("{\"a\":1}"));
        assertEquals(new RawJson("-1.5"), f.normalize("-1.5"));
        assertEquals(new RawJson("\"quoted\""), f.normalize("\"quoted\""));
        assertEquals(new RawJson("true"), f.normalize("true"));
        assertEquals(new RawJson("null"), f.normalize("null"));
        assertEquals(new RawJson("\"\""), f.normalize(""));
        assertEquals(new RawJson("\"hello\""), f.normalize("hello"));
        assertEquals(new RawJson("\"[1, 2\""), f.normalize("[1, 2"));
        assertEquals(new RawJson("\"True\""), f.normalize("True"));
        assertEquals(new RawJson("\"a\\\"b\""), f.normalize("a\"b"));
        assertNull(f.normalize(null));
        assertNull(f.zero());
    }

    @Test
    void jsonValuesAreSerialisedLikeGo() {
        JsonField f = new JsonField(meta("j"), false, 0);
        assertEquals(new RawJson("{\"a\":[1,2.5,true,null],\"b\":\"\\u003cx\\u003e\"}"),
                f.normalize(map("b", "<x>", "a", Arrays.asList(1L, 2.5, true, null))));
        assertEquals(new RawJson("5"), f.normalize(5.0));
        assertEquals(new RawJson("false"), f.normalize(false));
        assertEquals(new RawJson("[]"), f.normalize(List.of()));
    }

    @Test
    void jsonValidationOrderAndRequired() {
        JsonField small = new JsonField(meta("j"), true, 5);
        assertEquals("validation_json_size_limit|The maximum allowed JSON size is 5 bytes.|{maxSize=5}",
                outcome(small.validate(new RawJson("[1,2,3]"))));
        JsonField required = new JsonField(meta("j"), true, 0);
        for (Object blank : Arrays.asList(null, new RawJson("null"), new RawJson("\"\""), new RawJson(" [] "),
                new RawJson("{}"))) {
            assertEquals("validation_required|Cannot be blank.", outcome(required.validate(blank)));
            assertTrue(required.isBlank(blank));
        }
        assertEquals("ok", outcome(required.validate(new RawJson("0"))));
        assertEquals("validation_invalid_json|Must be a valid json value.",
                outcome(required.validate(new RawJson("\"\\x00\""))));
        // Go quotes control characters with \x escapes, which is not JSON
        assertEquals("validation_invalid_json|Must be a valid json value.",
                outcome(required.validate(required.normalize("a\u0001b"))));
        assertEquals(1L << 20, required.effectiveMaxSize());
    }

    @Test
    void geoPointFromObjectOrText() {
        GeoPointField f = new GeoPointField(meta("p"), false);
        assertEquals(new GeoPoint(23.5, 42.1), f.normalize(map("lon", 23.5, "lat", 42.1)));
        assertEquals(new GeoPoint(1, 0), f.normalize(map("LON", 1L)));
        assertEquals(new GeoPoint(0, 5), f.normalize(map("lon", "abc", "lat", 5L)));
        assertEquals(new GeoPoint(3, 4), f.normalize("{\"lon\":3,\"lat\":4}"));
        assertEquals(GeoPoint.ZERO, f.normalize("nope"));
        assertEquals(GeoPoint.ZERO, f.normalize(List.of(1, 2)));
        assertEquals(GeoPoint.ZERO, f.normalize(null));
        assertTrue(f.isBlank(GeoPoint.ZERO));
    }

    @ParameterizedTest(name = "[{index}] {1},{2}")
    @CsvSource(delimiter = ';', value = {
            "false;0;0;ok",
            "true;0;0;validation_required|Cannot be blank.",
            "true;180;90;ok",
            "false;0;91;validation_invalid_latitude|Latitude must be between -90 and 90 degrees.",
            "false;181;-91;validation_invalid_latitude|Latitude must be between -90 and 90 degrees.",
            "false;-181;10;validation_invalid_longitude|Longitude must be between -180 and 180 degrees."})
    void geoPointValidation(boolean required, double lon, double lat, String expected) {
        assertEquals(expected, outcome(new GeoPointField(meta("p"), required).validate(new GeoPoint(lon, lat))));
    }
}
