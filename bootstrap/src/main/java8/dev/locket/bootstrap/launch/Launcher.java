package dev.locket.bootstrap.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's entry point, compiled for Java 8 so that any JVM can load it: on a JVM older than Locket needs it
 * prints one line naming the required and the found version instead of an UnsupportedClassVersionError,
 * otherwise it hands over to the real main class.
 */
public final class Launcher {
    static final int REQUIRED = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        int found = feature(System.getProperty("java.specification.version", "0"));
        if (found < REQUIRED) {
            System.err.println("Locket needs Java " + REQUIRED + " or newer; found " + found
                    + " (" + System.getProperty("java.home", "?") + ")");
            System.exit(1);
            return;
        }
        Method main = Class.forName("dev.locket.bootstrap.Main").getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** "1.8" → 8, "17" → 17. */
    static int feature(String specification) {
        String s = specification.startsWith("1.") ? specification.substring(2) : specification;
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
    }
}
