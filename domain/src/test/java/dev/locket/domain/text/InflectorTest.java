package dev.locket.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InflectorTest {
    @Test
    void snakeCaseFollowsUpstreamsInflector() {
        assertEquals("acme", Inflector.snakeCase("Acme"));
        assertEquals("acme_test", Inflector.snakeCase("acme_test"));
        assertEquals("my_app_name", Inflector.snakeCase("myAppName"));
        assertEquals("hello_world", Inflector.snakeCase(" Hello, World! "));
        assertEquals("x_token", Inflector.snakeCase("X-Token"));
        assertEquals("abcdef", Inflector.snakeCase("ABCDef")); // no break inside a run of capitals
        assertEquals("caf_bar", Inflector.snakeCase("café__bar"));
        assertEquals("", Inflector.snakeCase("__--"));
    }
}
