package dev.locket.bootstrap;

import dev.locket.Locket;

/** {@code java -jar locket.jar …}: the facade with nothing bound. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // one line per log record (plus the stack trace when there is one), unless the user configured JUL
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null
                && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %5$s%6$s%n");
        }
        int code = Locket.create().start(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
