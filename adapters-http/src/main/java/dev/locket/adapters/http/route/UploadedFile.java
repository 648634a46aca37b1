package dev.locket.adapters.http.route;

import dev.locket.adapters.http.support.MultipartReader;
import dev.locket.domain.file.MimeTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file part of a multipart body: the form key, the file name the client sent (upstream's
 * {@code OriginalName}), its size in bytes and its content type sniffed from the bytes (as upstream detects a
 * file's type, whatever the client claims). The content stays readable until the route returns; copy it to
 * keep it.
 */
public record UploadedFile(String key, String name, long size, String contentType, Path path) {

    static UploadedFile of(MultipartReader.FilePart part) {
        byte[] head;
        try (InputStream in = Files.newInputStream(part.path())) {
            head = in.readNBytes(MimeTypes.SNIFF_LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new UploadedFile(part.key(), part.filename(), part.size(), MimeTypes.detect(head, head.length),
                part.path());
    }

    /** The whole content. */
    public byte[] bytes() {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content as a stream (the caller closes it). */
    public InputStream open() {
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
