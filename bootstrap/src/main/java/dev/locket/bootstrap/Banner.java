package dev.locket.bootstrap;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one startup banner of {@code serve}: where the REST API and the dashboard answer and, while no
 * superuser exists, how to create the first one (upstream's installer link, or the command line).
 */
public final class Banner {
    private Banner() {
    }

    /** {@code installerToken}: the dashboard installer's token while no superuser exists (empty otherwise). */
    public static void print(PrintStream out, Cli.Serve serve, String baseUrl, boolean hasSuperuser,
                             Optional<String> installerToken) {
        out.println("Server started at " + baseUrl);
        out.println("├─ REST API:  " + baseUrl + "/api/");
        out.println("└─ Dashboard: " + baseUrl + "/_/");
        if (hasSuperuser) {
            return;
        }
        String command = launcher() + " superuser upsert EMAIL PASSWORD" + dirFlag(serve.dir());
        out.println();
        if (installerToken.isPresent()) {
            out.println("(!) No superuser exists yet. Open this link in a browser to create the first one"
                    + " (valid for 30 minutes):");
            out.println(baseUrl + "/_/#/pbinstall/" + installerToken.get());
            out.println("(or create one with: " + command + ")");
        } else {
            out.println("(!) No superuser exists yet. Create the first one with: " + command);
        }
        out.println();
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
