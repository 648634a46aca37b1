package dev.locket.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    @TempDir
    Path project;

    @Test
    void defaultsAreRelativeToTheProjectRoot() throws Exception {
        Files.createFile(project.resolve("mvnw"));
        Files.createDirectories(project.resolve("bench/src"));
        Options o = Options.parse(new String[0], project.resolve("bench/src"));
        assertEquals(project.toAbsolutePath().resolve("bootstrap/target/locket.jar"), o.jar());
        assertEquals(project.toAbsolutePath().resolve("bench/results"), o.out());
        assertEquals(Options.Profile.BASELINE, o.profile());
        assertEquals(Duration.ofSeconds(1), o.pause());
        assertEquals(Duration.ofSeconds(300), o.cap());
        assertFalse(o.onlyRaw());
    }

    @Test
    void parsesEveryFlag() {
        Options o = Options.parse(new String[] {"--profile", "quick", "--pause", "2", "--only-raw", "--raw-rows",
                "500", "--large-list", "--warm", "--serve-arg", "--queryTimeout", "--serve-arg", "120",
                "--server-jvm-arg", "-Xmx1g", "--java", "/x/java", "--jar", "/x/l.jar"}, project);
        assertEquals(Options.Profile.QUICK, o.profile());
        assertEquals(Duration.ofSeconds(2), o.pause());
        assertEquals(Duration.ofSeconds(60), o.cap(), "quick profile caps scenarios at 60 s");
        assertTrue(o.onlyRaw() && o.largeList() && o.warm());
        assertEquals(500, o.rawRows());
        assertEquals(List.of("--queryTimeout", "120"), o.serveArgs());
        assertEquals(List.of("-Xmx1g"), o.serverJvmArgs());
        assertEquals(Path.of("/x/java"), o.serverJava());
        assertEquals(Path.of("/x/l.jar"), o.jar());
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--bogus"}, project));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--pause"}, project));
    }
}
