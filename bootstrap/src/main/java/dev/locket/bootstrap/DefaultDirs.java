package dev.locket.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the default {@code pb_data} lives. Upstream puts it beside its executable (and beside the
 * working directory under {@code go run}); Locket's executable is the jar started with {@code java -jar}
 * (or the folder the {@code locket} launcher script names in {@code -Dlocket.home}), and a class-path start
 * (tests, an IDE, an embedding program run from classes) counts as {@code go run}.
 */
public final class DefaultDirs {
    private DefaultDirs() {
    }

    /** The folder the default {@code pb_data} (and {@code pb_public}, {@code pb_hooks}) sit in. */
    public static Path base() {
        String home = System.getProperty("locket.home", "");
        if (!home.isBlank()) {
            return Path.of(home);
        }
        String classPath = System.getProperty("java.class.path", "");
        String command = System.getProperty("sun.java.command", "");
        // java -jar X.jar: the class path is exactly that jar and the command line starts with it
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)
                && command.startsWith(classPath)) {
            Path jar = Path.of(classPath).toAbsolutePath().normalize();
            if (Files.isRegularFile(jar) && jar.getParent() != null) {
                return jar.getParent();
            }
        }
        return Path.of("");
    }

    /** The folder holding {@code dataDir}: upstream looks for {@code pb_public}, hooks and migrations there. */
    public static Path beside(Path dataDir) {
        Path parent = dataDir.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("") : parent;
    }
}
