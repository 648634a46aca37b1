package dev.locket.bootstrap;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * PocketBase runs JavaScript from {@code pb_hooks/*.pb.js} and {@code pb_migrations/*.js} beside the data
 * directory; Locket does not run JavaScript, so a directory brought over from PocketBase with such files
 * would silently lose that behaviour. It says so at start, once per kind.
 */
public final class JsLeftovers {
    private JsLeftovers() {
    }

    /** Hooks, which upstream loads on every start. */
    public static void warn(Cli.Global g, PrintStream out) {
        List<String> hooks = files(g.hooksDir(), ".pb.js");
        if (!hooks.isEmpty()) {
            out.println("Warning: " + g.hooksDir() + " holds JavaScript hooks (" + summary(hooks)
                    + "); Locket does not run JavaScript, so they are ignored.");
        }
    }

    /** JS migrations that the data directory has not recorded as applied. */
    public static void warnPendingMigrations(Cli.Global g, Set<String> applied, PrintStream out) {
        List<String> pending = files(g.migrationsDir(), ".js").stream().filter(f -> !applied.contains(f)).toList();
        if (!pending.isEmpty()) {
            out.println("Warning: " + g.migrationsDir() + " holds JavaScript migrations not applied to this data ("
                    + summary(pending) + "); Locket does not run JavaScript, so apply them with PocketBase or make"
                    + " the same changes through the API.");
        }
    }

    private static List<String> files(Path dir, String suffix) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String summary(List<String> names) {
        int shown = Math.min(3, names.size());
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + " and " + (names.size() - shown) + " more" : list;
    }
}
