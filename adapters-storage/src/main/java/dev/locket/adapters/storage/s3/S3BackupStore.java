package dev.locket.adapters.storage.s3;

import dev.locket.application.port.out.BackupStore;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.types.DateTimes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Backups as objects at the top of the {@code backups.s3} bucket, named as the local files are, which is
 * where upstream's backups filesystem puts them.
 */
public final class S3BackupStore implements BackupStore {
    private static final String ZIP = "application/zip";
    private final S3FileStore s3;

    public S3BackupStore(S3FileStore s3) {
        this.s3 = s3;
    }

    @Override
    public List<BackupFile> list() {
        return s3.list("").stream().filter(f -> f.key().indexOf('/') < 0)
                .map(f -> new BackupFile(f.key(), f.size(), DateTimes.format(f.modified()))).toList();
    }

    @Override
    public boolean exists(String key) {
        return valid(key) && s3.stat(key).isPresent();
    }

    @Override
    public Optional<InputStream> open(String key) {
        if (!valid(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(s3.open(key, 0));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    /** The archive is written to a temporary file first: S3 takes a known length, and a failed archive uploads nothing. */
    @Override
    public void write(String key, Content content) throws IOException {
        if (!valid(key)) {
            throw new IOException("invalid backup key " + key);
        }
        Path tmp = Files.createTempFile("locket-backup-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try (InputStream in = Files.newInputStream(tmp)) {
                s3.put(key, in, Files.size(tmp), ZIP, "");
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public boolean delete(String key) {
        if (!exists(key)) {
            return false;
        }
        s3.delete(key);
        return true;
    }

    private static boolean valid(String key) {
        return key != null && !key.isEmpty() && key.indexOf('/') < 0 && key.indexOf('\\') < 0
                && !key.equals(".") && !key.equals("..");
    }
}
