package dev.locket.application.port.in.file;

import java.io.InputStream;

/** Opens file bytes lazily, from an offset (for HTTP ranges); the caller closes the stream. */
@FunctionalInterface
public interface FileContent {

    InputStream open(long offset);
}
