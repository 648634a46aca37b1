package dev.locket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * A yes/no question the CLI asks before a step that cannot be taken back ({@code migrate down}, {@code migrate
 * create}, {@code migrate collections}), as upstream's {@code osutils.YesNoPrompt}: the question goes to stderr
 * with {@code (y/N)}; an empty line or the end of input means no, anything but y/yes/n/no asks again.
 * Embedders answer for the user with their own implementation.
 */
@FunctionalInterface
public interface Confirmation {
    boolean confirm(String question);

    /** Asks on this process's terminal: stdin for the answer, stderr for the question. */
    static Confirmation console() {
        return question -> ask(question, new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())),
                System.err);
    }

    private static boolean ask(String question, BufferedReader in, PrintStream err) {
        while (true) {
            err.print(question + " (y/N) ");
            err.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                line = null;
            }
            String answer = line == null ? "" : line.strip().toLowerCase(Locale.ROOT);
            switch (answer) {
                case "", "n", "no" -> {
                    return false;
                }
                case "y", "yes" -> {
                    return true;
                }
                default -> {
                    // asked again, as upstream does for an answer it does not know
                }
            }
        }
    }
}
