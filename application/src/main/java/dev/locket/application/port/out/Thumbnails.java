package dev.locket.application.port.out;

import dev.locket.domain.file.ThumbSize;
import java.io.InputStream;
import java.io.OutputStream;

/** Renders image thumbnails (files.md §5). */
public interface Thumbnails {

    /**
     * Writes a thumbnail of {@code original} to {@code out} and answers its content type (JPEG and GIF
     * stay so, anything else becomes PNG).
     *
     * @throws IllegalArgumentException when the image cannot be read or is too large to decode safely
     */
    String render(InputStream original, String originalType, ThumbSize size, OutputStream out);
}
