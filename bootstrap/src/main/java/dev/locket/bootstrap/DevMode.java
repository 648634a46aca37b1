package dev.locket.bootstrap;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code --dev}: Locket's debug logs (every request, every SQL statement) reach the console, as upstream
 * prints its logs and queries in dev mode.
 */
public final class DevMode {
    /** Held so the configured level is not lost with a collected logger. */
    private static final Logger LOCKET = Logger.getLogger("dev.locket");

    private DevMode() {
    }

    public static void enable() {
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
