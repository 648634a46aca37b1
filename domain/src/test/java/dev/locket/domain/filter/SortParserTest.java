package dev.locket.domain.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.error.BadRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SortParserTest {

    @Test
    void readsDirectionsAndSpecialItems() {
        assertEquals(List.of(new SortItem("created", true), new SortItem("title", false),
                        new SortItem("author.name", false), new SortItem("@random", false),
                        new SortItem("@rowid", true)),
                SortParser.parse(" -created, +title ,author.name,@random,-@rowid"));
        assertTrue(SortParser.parse("@random").get(0).isRandom());
        assertTrue(SortParser.parse("-@rowid").get(0).isRowid());
    }

    @Test
    void absentSortMeansNoItems() {
        assertEquals(List.of(), SortParser.parse(null));
        assertEquals(List.of(), SortParser.parse(""));
    }

    @Test
    void allowsEightItemsButNotNine() {
        assertEquals(8, SortParser.parse("a,b,c,d,e,f,g,h").size());
        assertThrows(BadRequest.class, () -> SortParser.parse("a,b,c,d,e,f,g,h,i"));
    }

    @Test
    void limitsItemLength() {
        assertEquals(1, SortParser.parse("a".repeat(255)).size());
        assertThrows(BadRequest.class, () -> SortParser.parse("a".repeat(256)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,", "a,,b", ",a", " , ", "-", "a b", "a = 1", "'a'", "1", "a:bogus", "a.", "--a"})
    void rejectsBadItems(String sort) {
        assertThrows(BadRequest.class, () -> SortParser.parse(sort));
    }
}
