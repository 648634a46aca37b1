package dev.locket.application.fake;

import dev.locket.application.port.out.FileStore;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.file.FileKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link FileStore} in a map: key → bytes and content type. */
public final class InMemoryFileStore implements FileStore {
    private record Entry(byte[] bytes, String type) {
    }

    private final Map<String, Entry> files = new TreeMap<>();

    @Override
    public synchronized Optional<StoredFile> stat(String key) {
        Entry e = files.get(key);
        return e == null ? Optional.empty() : Optional.of(new StoredFile(key, e.bytes().length, Instant.EPOCH, e.type()));
    }

    @Override
    public synchronized InputStream open(String key, long offset) {
        Entry e = files.get(key);
        if (e == null) {
            throw new NotFound();
        }
        return new ByteArrayInputStream(Arrays.copyOfRange(e.bytes(), (int) Math.min(offset, e.bytes().length),
                e.bytes().length));
    }

    @Override
    public synchronized void put(String key, InputStream content, long size, String contentType, String originalName) {
        try {
            files.put(FileKeys.requireSafe(key), new Entry(content.readAllBytes(), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void delete(String key) {
        files.remove(key);
    }

    @Override
    public synchronized void deletePrefix(String prefix) {
        files.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Every stored key, sorted. */
    public synchronized java.util.Set<String> keys() {
        return new java.util.TreeSet<>(files.keySet());
    }
}
