package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.BackupStore;
import dev.locket.domain.types.DateTimes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Backups as files in {@code <dataDir>/backups/}, upstream's local backups storage. */
final class LocalBackupStore implements BackupStore {
    private final Path dir;

    LocalBackupStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public List<BackupFile> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<BackupFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".tmp_")) {
                    continue; // a backup still being written
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    out.add(new BackupFile(name, a.size(), DateTimes.format(a.lastModifiedTime().toInstant())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public boolean exists(String key) {
        Path p = resolve(key);
        return p != null && Files.isRegularFile(p);
    }

    @Override
    public Optional<InputStream> open(String key) {
        Path p = resolve(key);
        if (p == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String key, Content content) throws IOException {
        Path target = resolve(key);
        if (target == null) {
            throw new IOException("invalid backup key " + key);
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tmp_", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public boolean delete(String key) {
        Path p = resolve(key);
        try {
            return p != null && Files.isRegularFile(p) && Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file for a key; null for keys that would leave the backups folder. */
    private Path resolve(String key) {
        if (key == null || key.isEmpty() || key.contains("/") || key.contains("\\") || key.equals(".")
                || key.equals("..") || key.indexOf('\0') >= 0) {
            return null;
        }
        return dir.resolve(key);
    }
}
