package dev.locket.application.port.in.file;

import java.util.Objects;

/**
 * One uploaded file part of a record create/update: {@code key} is the part name ({@code docs},
 * {@code docs+} or {@code +docs}), {@code originalName} the client's file name, {@code content} its
 * bytes (spooled by the transport, read as a stream).
 */
public record UploadedFile(String key, String originalName, long size, FileContent content) {
    public UploadedFile {
        Objects.requireNonNull(key);
        Objects.requireNonNull(content);
        originalName = originalName == null ? "" : originalName;
    }
}
