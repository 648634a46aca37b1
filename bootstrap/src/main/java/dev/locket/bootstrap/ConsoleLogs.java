package dev.locket.bootstrap;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What {@code serve} prints to the console besides its banner. */
public final class ConsoleLogs {
    /** Held so the configured levels are not lost with a collected logger. */
    private static final Logger LOCKET = Logger.getLogger("dev.locket");
    private static final Logger HELIDON_ERRORS = Logger.getLogger("io.helidon.webserver.http.ErrorHandlers");

    private ConsoleLogs() {
    }

    /**
     * Helidon warns "Unable to reset response for error handler" whenever a response fails after it
     * started, which nearly always means the client left; Locket logs that case itself, in one line that
     * says so (and names any other cause).
     */
    public static void quietExpected() {
        HELIDON_ERRORS.setLevel(Level.SEVERE);
    }

    /**
     * {@code --dev}: Locket's debug logs (every request, every SQL statement) reach the console, as upstream
     * prints its logs and queries in dev mode.
     */
    public static void enableDev() {
        LOCKET.setLevel(Level.FINE);
        boolean handled = false;
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h instanceof ConsoleHandler) {
                if (h.getLevel().intValue() > Level.FINE.intValue()) {
                    h.setLevel(Level.FINE);
                }
                handled = true;
            }
        }
        if (!handled) {
            ConsoleHandler console = new ConsoleHandler();
            console.setLevel(Level.FINE);
            LOCKET.addHandler(console);
        }
    }
}
