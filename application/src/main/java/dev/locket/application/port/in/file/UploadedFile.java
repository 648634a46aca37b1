package dev.locket.application.port.in.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One uploaded file part of a record create/update: {@code key} is the part name ({@code docs},
 * {@code docs+} or {@code +docs}), {@code originalName} the client's file name, {@code content} its
 * bytes (spooled by the transport, read as a stream).
 *
 * <p>Code that attaches files itself builds them with {@link #fromBytes}, {@link #fromPath} or
 * {@link #fromStream} (upstream's {@code filesystem.NewFileFromBytes} / {@code NewFileFromPath}); the stored
 * name is derived from the original name as for an HTTP upload.
 */
public record UploadedFile(String key, String originalName, long size, FileContent content) {
    public UploadedFile {
        Objects.requireNonNull(key);
        Objects.requireNonNull(content);
        originalName = originalName == null ? "" : originalName;
    }

    /** A file for field {@code key} (modifiers allowed: {@code docs+}) holding {@code bytes}, named {@code name}. */
    public static UploadedFile fromBytes(String key, String name, byte[] bytes) {
        byte[] copy = bytes.clone();
        return new UploadedFile(key, name, copy.length, offset -> {
            int from = (int) Math.min(offset, copy.length);
            return new ByteArrayInputStream(copy, from, copy.length - from);
        });
    }

    /** The file at {@code path} for field {@code key}, named as the path's last segment; read when stored. */
    public static UploadedFile fromPath(String key, Path path) {
        try {
            long size = Files.size(path);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            return new UploadedFile(key, name, size, offset -> {
                try {
                    InputStream in = Files.newInputStream(path);
                    in.skipNBytes(offset);
                    return in;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * The bytes of {@code in} (read to its end now, and closed) for field {@code key}, named {@code name}. A
     * stream can be read only once while a file is read twice (its type is sniffed, then it is stored), so
     * the bytes are kept in memory: for large files prefer {@link #fromPath}.
     */
    public static UploadedFile fromStream(String key, String name, InputStream in) {
        try (in) {
            return fromBytes(key, name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stream of " + name, e);
        }
    }
}
