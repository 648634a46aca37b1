package dev.locket.domain.file;

import dev.locket.domain.text.Inflector;
import dev.locket.domain.types.Ids;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * PocketBase's stored-name policy (files.md §3): {@code <snake_case base>_<10 random [a-z0-9]><ext>},
 * the extension taken from the last two dots of the original name and cleaned.
 */
public final class FileNames {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern EXT_INVALID = Pattern.compile("[^A-Za-z0-9_.*\\-+=#]+");
    /** Go's RE2 {@code [\W_]+}: ASCII word characters only, underscores split too. */

    private FileNames() {
    }

    /**
     * A fresh stored name for an upload called {@code original}; {@code detectedType} (may be empty)
     * supplies the extension when the original has none worth keeping.
     */
    public static String storedName(String original, String detectedType, RandomGenerator random) {
        String name = original == null ? "" : original;
        if (name.length() > 300) {
            name = name.substring(name.length() - 300);
        }
        String originalExt = extension(name);
        String clean = trimDots(EXT_INVALID.matcher(originalExt).replaceAll(""));
        if (clean.length() > 20) {
            clean = clean.substring(clean.length() - 20);
        }
        String ext = clean.isEmpty() ? MimeTypes.extension(detectedType) : "." + clean;
        String base = Inflector.snakeCase(name.substring(0, name.length() - originalExt.length()));
        if (base.length() < 3) {
            base += Ids.random(random, ALPHABET, 10);
        } else if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        return base + "_" + Ids.random(random, ALPHABET, 10) + ext;
    }

    /** From the second-to-last dot when there are two or more, else from the last; {@code ""} without dots. */
    static String extension(String name) {
        int primary = name.lastIndexOf('.');
        if (primary < 0) {
            return "";
        }
        int secondary = name.lastIndexOf('.', primary - 1);
        return secondary >= 0 ? name.substring(secondary) : name.substring(primary);
    }

    private static String trimDots(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '.') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '.') {
            b--;
        }
        return s.substring(a, b);
    }
}
