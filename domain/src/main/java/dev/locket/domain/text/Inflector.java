package dev.locket.domain.text;

import java.util.Locale;
import java.util.regex.Pattern;

/** Upstream's {@code tools/inflector}: the spellings PocketBase derives from free text. */
public final class Inflector {
    // Go's \W is ASCII-only, so any other character separates words too, as does "_".
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");

    private Inflector() {
    }

    /**
     * Upstream's {@code Snakecase}: words split at non-word characters and {@code _}, joined by {@code _}, an
     * {@code _} before an upper-case letter that follows a non-upper-case one, all lower-cased
     * ({@code myAppName} → {@code my_app_name}, {@code X-Token} → {@code x_token}).
     */
    public static String snakeCase(String s) {
        StringBuilder out = new StringBuilder(s.length() + 4);
        for (String word : WORD_SEPARATORS.split(s)) {
            if (word.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('_');
            }
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(word.charAt(i - 1))) {
                    out.append('_');
                }
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
