package dev.locket.bootstrap;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The one startup banner of {@code serve}: where the REST API and the dashboard answer and, while no
 * superuser exists, how to create the first one.
 */
public final class Banner {
    private Banner() {
    }

    public static void print(PrintStream out, Cli.Serve serve, String baseUrl, boolean hasSuperuser) {
        out.println("Server started at " + baseUrl);
        out.println("├─ REST API:  " + baseUrl + "/api/");
        out.println("└─ Dashboard: " + baseUrl + "/_/");
        if (!hasSuperuser) {
            out.println();
            out.println("No superuser yet. Create the first one with:");
            out.println("  " + launcher() + " superuser upsert EMAIL PASSWORD" + dirFlag(serve.dir()));
        }
    }

    /** Upstream prints the bound address, with 127.0.0.1 for an unspecified host. */
    public static String shownHost(String host) {
        return host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    /** How the user started Locket: the launcher script sets {@code locket.launcher}. */
    private static String launcher() {
        String script = System.getProperty("locket.launcher", "");
        return script.isBlank() ? "java -jar locket.jar" : script;
    }

    private static String dirFlag(Path dir) {
        Path defaultDir = DefaultDirs.base().resolve("pb_data").toAbsolutePath().normalize();
        return dir.toAbsolutePath().normalize().equals(defaultDir) ? "" : " --dir " + dir;
    }
}
