package dev.locket.bootstrap;

import dev.locket.Locket;

/** {@code java -jar locket.jar …}: the facade with nothing bound. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Locket.create().start(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
