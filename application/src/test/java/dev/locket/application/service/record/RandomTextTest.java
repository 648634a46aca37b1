package dev.locket.application.service.record;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RandomTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"[a-z0-9]{15}", "[a-zA-Z0-9]{50}", "^post_[0-9]{3}$", "(foo|bar)-\\d{2,4}", "x?y*z+",
        "[^a-z]{5}", "[\\w.-]{1,3}@ex\\.com", "(?:ab){2}c", "."})
    void generatedTextMatchesItsPattern(String pattern) {
        SplittableRandom random = new SplittableRandom(42);
        Pattern compiled = Pattern.compile(pattern);
        for (int i = 0; i < 50; i++) {
            String text = RandomText.generate(pattern, random);
            assertTrue(compiled.matcher(text).matches(), pattern + " -> " + text);
        }
    }
}
