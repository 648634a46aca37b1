package dev.locket.application.port.in.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One uploaded file of a record create/update: the file field it goes to and where among that field's files
 * ({@link Placement}), {@code originalName} the client's file name, {@code content} its bytes (spooled by the
 * transport, read as a stream).
 *
 * <p>Clients name the target in the part key, as upstream reads a file field's parts under {@code docs},
 * {@code docs+} and {@code +docs} only: the HTTP adapter decodes the key once ({@link #forKey}), so services
 * see the typed target. Code that attaches files itself builds them with {@link #fromBytes}, {@link #fromPath}
 * or {@link #fromStream} (upstream's {@code filesystem.NewFileFromBytes} / {@code NewFileFromPath}) with such a
 * key, as upstream's {@code record.Set("docs+", file)}; the stored name is derived from the original name as
 * for an HTTP upload.
 */
public record UploadedFile(String field, Placement placement, String originalName, long size, FileContent content) {

    private static final Pattern FIELD_NAME = Pattern.compile("\\w+");

    /** Where uploaded files go among the files a field already lists. */
    public enum Placement {
        /** {@code docs}: after the names submitted under the same key (the field's new list). */
        SET,
        /** {@code docs+}: after the files the record holds. */
        APPEND,
        /** {@code +docs}: before the files the record holds. */
        PREPEND;

        /** The part key a client writes for {@code field} with this placement. */
        public String key(String field) {
            return switch (this) {
                case SET -> field;
                case APPEND -> field + "+";
                case PREPEND -> "+" + field;
            };
        }

        private static Placement of(String key) {
            return key.length() > 1 && key.startsWith("+") ? PREPEND
                    : key.length() > 1 && key.endsWith("+") ? APPEND : SET;
        }

        private String field(String key) {
            return switch (this) {
                case SET -> key;
                case APPEND -> key.substring(0, key.length() - 1);
                case PREPEND -> key.substring(1);
            };
        }
    }

    public UploadedFile {
        Objects.requireNonNull(field);
        Objects.requireNonNull(placement);
        Objects.requireNonNull(content);
        if (!FIELD_NAME.matcher(field).matches()) {
            throw new IllegalArgumentException("not a file field key: " + placement.key(field)
                    + " (a file goes to <field>, <field>+ or +<field>)");
        }
        originalName = originalName == null ? "" : originalName;
    }

    /** A file submitted under {@code key}: {@code docs}, {@code docs+} or {@code +docs}; any other key is refused. */
    public UploadedFile(String key, String originalName, long size, FileContent content) {
        this(Placement.of(key).field(key), Placement.of(key), originalName, size, content);
    }

    /**
     * A file part submitted under {@code key}, or empty when the key names no file target ({@code docs-},
     * {@code docs.x}, …): upstream does not read file parts under other keys, so they are dropped.
     */
    public static Optional<UploadedFile> forKey(String key, String originalName, long size, FileContent content) {
        Placement placement = Placement.of(key);
        String field = placement.field(key);
        return FIELD_NAME.matcher(field).matches()
                ? Optional.of(new UploadedFile(field, placement, originalName, size, content))
                : Optional.empty();
    }

    /** The key this file was (or would be) submitted under, e.g. {@code docs+}. */
    public String key() {
        return placement.key(field);
    }

    /** A file for the target {@code key} names ({@code docs}, {@code docs+}, {@code +docs}) holding {@code bytes}. */
    public static UploadedFile fromBytes(String key, String name, byte[] bytes) {
        byte[] copy = bytes.clone();
        return new UploadedFile(key, name, copy.length, offset -> {
            int from = (int) Math.min(offset, copy.length);
            return new ByteArrayInputStream(copy, from, copy.length - from);
        });
    }

    /** The file at {@code path} for the target {@code key} names, named as its last segment; read when stored. */
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
     * The bytes of {@code in} (read to its end now, and closed) for the target {@code key} names, named
     * {@code name}. A stream can be read only once while a file is read twice (its type is sniffed, then it is
     * stored), so the bytes are kept in memory: for large files prefer {@link #fromPath}.
     */
    public static UploadedFile fromStream(String key, String name, InputStream in) {
        try (in) {
            return fromBytes(key, name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stream of " + name, e);
        }
    }
}
