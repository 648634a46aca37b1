package dev.locket.domain.field;

import static dev.locket.domain.field.Fields.file;
import static dev.locket.domain.field.Fields.map;
import static dev.locket.domain.field.Fields.outcome;
import static dev.locket.domain.field.Fields.relation;
import static dev.locket.domain.field.Fields.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiValueFieldsTest {

    @Test
    void singleSelectKeepsTheLastValue() {
        SelectField single = select(1, "a", "b", "c");
        assertEquals("b", single.normalize(List.of("a", "b")));
        assertEquals("a", single.normalize("a"));
        assertEquals("c", single.normalize("[\"a\",\"c\"]"));
        assertEquals("", single.normalize(List.of()));
        assertEquals("", single.normalize(null));
        assertEquals("", single.zero());
        assertEquals("b", single.normalize(List.of("a", "b", "a")));
    }

    @Test
    void multiSelectDedupesDropsEmptiesAndSplitsJsonArrays() {
        SelectField multi = select(3, "a", "b", "c");
        assertEquals(List.of("a", "b"), multi.normalize(Arrays.asList("a", "", "b", "a", null)));
        assertEquals(List.of("b", "c"), multi.normalize("[\"b\",\"c\"]"));
        assertEquals(List.of("[not json"), multi.normalize("[not json"));
        assertEquals(List.of("[1,2]"), multi.normalize("[1,2]"));
        assertEquals(List.of("x"), multi.normalize("x"));
        assertEquals(List.of("1", "true"), multi.normalize(List.of(1L, true)));
        assertEquals(List.of(), multi.normalize(5L));
        assertEquals(List.of(), multi.normalize(map("a", 1)));
        assertEquals(List.of(), multi.zero());
        assertTrue(multi.multiple());
        assertFalse(select(1, "a").multiple());
        assertFalse(select(0, "a").multiple());
    }

    @Test
    void selectValidation() {
        SelectField multi = new SelectField(Fields.meta("s"), true, List.of("a", "b", "c"), 2);
        assertEquals("validation_required|Cannot be blank.", outcome(multi.validate(List.of())));
        assertEquals("validation_too_many_values|Select no more than 2.|{maxSelect=2}",
                outcome(multi.validate(List.of("a", "b", "c"))));
        assertEquals("validation_invalid_value|Invalid value A.|{value=A}", outcome(multi.validate(List.of("A"))));
        assertEquals("ok", outcome(multi.validate(List.of("a", "c"))));
        assertEquals("validation_too_many_values|Select no more than 1.|{maxSelect=1}",
                outcome(select(0, "a", "b").validate(List.of("a", "b"))));
        assertEquals("ok", outcome(select(0, "a", "b").validate("b")));
    }

    @Test
    void relationCountChecks() {
        assertEquals("validation_required|Cannot be blank.", outcome(relation(true, 0, 1).validate("")));
        assertEquals("validation_not_enough_values|Select at least 2.|{minSelect=2}",
                outcome(relation(false, 2, 5).validate(List.of("a"))));
        assertEquals("validation_too_many_values|Select no more than 5.|{maxSelect=5}",
                outcome(relation(false, 2, 5).validate(List.of("a", "b", "c", "d", "e", "f"))));
        assertEquals("ok", outcome(relation(false, 2, 5).validate(List.of("a", "b"))));
        assertEquals("ok", outcome(relation(false, 2, 5).validate(List.of())));
        assertEquals("r2", relation(false, 0, 1).normalize(List.of("r1", "r2")));
        assertEquals("validation_missing_rel_records", RelationField.missingRecords().code());
    }

    @Test
    void fileCountAndUnknownNames() {
        assertEquals("validation_required|Cannot be blank.", outcome(file(true, 1).validate("")));
        assertEquals("validation_too_many_files|The maximum allowed files is 2.|{maxSelect=2}",
                outcome(file(false, 2).validate(List.of("a.txt", "b.txt", "c.txt"))));
        assertEquals("ok", outcome(file(false, 2).validate(List.of("a.txt", "b.txt"))));
        assertEquals("validation_invalid_file|Invalid new files: [x.txt y.txt].|{invalidFiles=[x.txt, y.txt]}",
                outcome(FileField.invalidNewFiles(List.of("a.txt", "x.txt", "y.txt"), List.of("a.txt"))));
        assertEquals("ok", outcome(FileField.invalidNewFiles(List.of("a.txt"), List.of("a.txt", "b.txt"))));
        assertEquals(5242880, file(false, 1).effectiveMaxSize());
    }
}
