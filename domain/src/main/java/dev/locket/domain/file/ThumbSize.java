package dev.locket.domain.file;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A thumbnail size as the {@code thumb} query and the file field's {@code thumbs} option spell it:
 * {@code WxH} (crop centre), {@code WxHt} (crop top), {@code WxHb} (crop bottom), {@code WxHf} (fit),
 * {@code 0xH} / {@code Wx0} (keep aspect). {@code 0x0} is not a size.
 */
public record ThumbSize(int width, int height, Mode mode) {
    /** The size every image field allows, whatever its {@code thumbs} option says. */
    public static final String DEFAULT = "100x100";

    private static final Pattern SYNTAX = Pattern.compile("^(\\d{1,5})x(\\d{1,5})(t|b|f)?$");

    /** How the source is fitted into the box. */
    public enum Mode { CENTER, TOP, BOTTOM, FIT }

    public ThumbSize {
        if (width < 0 || height < 0 || (width == 0 && height == 0)) {
            throw new IllegalArgumentException("bad thumb size " + width + "x" + height);
        }
    }

    public static Optional<ThumbSize> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        if (w == 0 && h == 0) {
            return Optional.empty();
        }
        Mode mode = switch (m.group(3) == null ? "" : m.group(3)) {
            case "t" -> Mode.TOP;
            case "b" -> Mode.BOTTOM;
            case "f" -> Mode.FIT;
            default -> Mode.CENTER;
        };
        return Optional.of(new ThumbSize(w, h, mode));
    }

    /** The spelling used in stored thumb names ({@code 70x50t}). */
    public String text() {
        String suffix = switch (mode) {
            case CENTER -> "";
            case TOP -> "t";
            case BOTTOM -> "b";
            case FIT -> "f";
        };
        return width + "x" + height + (width == 0 || height == 0 ? "" : suffix);
    }
}
