package dev.locket.domain.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThumbSizeTest {
    @Test
    void parsesEveryForm() {
        assertEquals(new ThumbSize(70, 50, ThumbSize.Mode.CENTER), ThumbSize.parse("70x50").orElseThrow());
        assertEquals(ThumbSize.Mode.TOP, ThumbSize.parse("70x50t").orElseThrow().mode());
        assertEquals(ThumbSize.Mode.BOTTOM, ThumbSize.parse("70x50b").orElseThrow().mode());
        assertEquals(ThumbSize.Mode.FIT, ThumbSize.parse("70x50f").orElseThrow().mode());
        assertEquals("0x50", ThumbSize.parse("0x50").orElseThrow().text());
        assertEquals("70x50f", ThumbSize.parse("70x50f").orElseThrow().text());
    }

    @Test
    void rejectsZeroByZeroAndJunk() {
        for (String bad : new String[] {"0x0", "0x0f", "x50", "70x", "70x50x", "-1x5", "70X50", "", "70x50 "}) {
            assertTrue(ThumbSize.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void thumbKeysStayInsideTheRecordFolder() {
        assertEquals("c/r/thumbs_a.png/70x50t_a.png",
                FileKeys.thumb("c", "r", "a.png", ThumbSize.parse("70x50t").orElseThrow()));
    }
}
