package dev.locket.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.domain.error.BadRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InMemoryFilterTest {
    static final Map<String, Object> ROW = Map.of("name", "posts", "system", false, "views", 12.0,
            "tags", List.of("a", "b"), "quote", "it's");

    static boolean eval(String filter) {
        return InMemoryFilter.matches(filter, k -> Optional.ofNullable(ROW.get(k)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "name = 'posts'#true", "name != \"posts\"#false", "name ~ 'OST'#true", "name !~ 'x'#true",
        "views > 10 && views <= 12#true", "views < 10 || name = 'posts'#true", "(views < 10 || name = 'x') && true = true#false",
        "system = false#true", "tags ?= 'b'#true", "tags = 'b'#false", "quote = 'it\\'s'#true", "''=''#true"})
    void evaluatesComparisonsAndLogic(String filter, boolean expected) {
        assertEquals(expected, eval(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown = 1", "name =", "name = 'open", "(name = 'x'", "name % 1", "name = 'x' &&"})
    void rejectsWhatItCannotRead(String filter) {
        assertThrows(BadRequest.class, () -> eval(filter));
    }

    @Test
    void deepNestingIsABadRequestNotAStackOverflow() {
        assertEquals(true, eval("(".repeat(200) + "name = 'posts'" + ")".repeat(200)));
        assertThrows(BadRequest.class, () -> eval("(".repeat(10_000) + "name = 'posts'" + ")".repeat(10_000)));
        assertThrows(BadRequest.class, () -> eval("(".repeat(10_000)));
    }
}
