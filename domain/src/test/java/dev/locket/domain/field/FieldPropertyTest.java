package dev.locket.domain.field;

import static dev.locket.domain.field.Fields.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locket.domain.collection.FixtureCollections;
import dev.locket.domain.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FieldPropertyTest {

    /** One field of every type, plus the multi-value flavours, taken from the fixture where possible. */
    private static final List<Field> FIELDS = fields();

    private static List<Field> fields() {
        List<Field> out = new ArrayList<>(FixtureCollections.collection("demo1").fields());
        out.add(new EditorField(meta("editor"), true, 10, false));
        out.add(new PasswordField(meta("password"), true, 8, 0, "\\d", 0));
        out.add(new DateField(meta("bounded"), true, "2020-01-01 00:00:00.000Z", "2030-01-01 00:00:00.000Z"));
        out.add(new NumberField(meta("bounded_number"), true, -5.0, 5.0, true));
        out.add(new TextField(meta("patterned"), true, 2, 5, "^[a-z]+$", "", false));
        return out;
    }

    @Property(tries = 2000)
    void normalizeAndValidateNeverThrow(@ForAll("jsonShaped") Object raw) {
        for (Field f : FIELDS) {
            Object canonical = f.normalize(raw);
            f.validate(canonical);
            f.validate(raw);
            f.isBlank(canonical);
            f.isBlank(raw);
            if (f instanceof PasswordField p && raw instanceof String s) {
                p.validatePlain(s);
            }
        }
    }

    @Property(tries = 2000)
    void normalizeIsIdempotent(@ForAll("jsonShaped") Object raw) {
        for (Field f : FIELDS) {
            Object once = f.normalize(raw);
            // a single select/relation/file text holding "[" is re-read as a JSON array upstream too
            if (once instanceof String s && s.contains("[") && !f.multiple()
                    && (f instanceof SelectField || f instanceof RelationField || f instanceof FileField)) {
                continue;
            }
            assertEquals(once, f.normalize(once), f.type() + " " + raw);
        }
    }

    @Property(tries = 500)
    void jsonFieldOutputIsAlwaysJsonOrInvalidJsonIsReported(@ForAll("jsonShaped") Object raw) {
        JsonField f = new JsonField(meta("j"), false, 0);
        Object v = f.normalize(raw);
        if (v != null && !Json.isValid(((dev.locket.domain.json.RawJson) v).text())) {
            assertEquals("validation_invalid_json", f.validate(v).orElseThrow().code());
        }
    }

    @Provide
    Arbitrary<Object> jsonShaped() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.of("", "true", "false", "null", "0", "-1.5", "1e400", "NaN", "Inf", "[\"a\",\"b\"]", "[1,2]",
                        "{\"lon\":1,\"lat\":2}", "2024-05-01 10:00:00.000Z", "2024-02-30", "optionA", "a@b.co",
                        "https://x.io", "[", "\u0000", "😀", "{\"a\":").map(s -> (Object) s),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0.0, 1e21).map(d -> (Object) d),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        Arbitrary<Object> lists = scalars.list().ofMaxSize(4).map(l -> (Object) l);
        Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.of("lon", "lat", "LAT", "a", ""), scalars).ofMaxSize(3)
                .map(m -> (Object) m);
        Arbitrary<Object> nested = Arbitraries.maps(Arbitraries.of("x", "y"), lists).ofMaxSize(2)
                .map(m -> (Object) Map.copyOf(m));
        return Arbitraries.oneOf(scalars, lists, maps, nested);
    }
}
