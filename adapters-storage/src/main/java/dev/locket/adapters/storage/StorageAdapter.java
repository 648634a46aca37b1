package dev.locket.adapters.storage;

import dev.locket.adapters.storage.local.LocalFileStore;
import dev.locket.adapters.storage.s3.S3BackupStore;
import dev.locket.adapters.storage.s3.S3FileStore;
import dev.locket.application.port.out.BackupStore;
import dev.locket.application.port.out.FileStore;
import dev.locket.application.port.out.S3Probe;
import dev.locket.application.port.out.Thumbnails;
import dev.locket.domain.settings.S3Config;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The storage adapter's entry point: a {@link FileStore} that uses S3 while the {@code s3} settings are
 * enabled and the data directory's {@code storage/} folder otherwise (chosen per call, so a settings
 * change applies at once), the thumbnail renderer and the S3 settings probe.
 */
public final class StorageAdapter implements AutoCloseable {
    private final LocalFileStore local;
    private final Supplier<S3Config> settings;
    private final Object lock = new Object();
    private S3Config currentConfig;
    private S3FileStore currentS3;
    private S3Config backupsConfig;
    private S3FileStore backupsS3;

    private StorageAdapter(LocalFileStore local, Supplier<S3Config> settings) {
        this.local = local;
        this.settings = settings;
    }

    /** {@code settings} answers the {@code s3} settings in force (read on every call). */
    public static StorageAdapter open(Path dataDir, Supplier<S3Config> settings) {
        return new StorageAdapter(new LocalFileStore(dataDir.resolve("storage")), settings);
    }

    /** A store on a plain folder (no settings, no S3): for tools and tests. */
    public static FileStore localStore(Path root) {
        return new LocalFileStore(root);
    }

    /** A store on one S3 bucket, whatever the settings say: for tools and tests. */
    public static FileStore s3Store(S3Config config) {
        return new S3FileStore(config);
    }

    /** At server start: deletes the local storage's interrupted-upload leftovers ({@code .tmp_*}); answers how many. */
    public int removeUploadLeftovers() {
        return local.removeUploadLeftovers();
    }

    /** After an unclean stop: deletes local record folders whose record does not exist; answers how many. */
    public int removeOrphanFolders(BiPredicate<String, String> recordExists) {
        return local.removeOrphanFolders(recordExists);
    }

    public FileStore fileStore() {
        return new SwitchingStore();
    }

    /**
     * Where backups go: the {@code backups.s3} bucket ({@code backupsS3}, read on every call) while it is
     * enabled, {@code local} (the data directory's {@code backups/}) otherwise, as the file storage is chosen.
     */
    public BackupStore backupStore(BackupStore local, Supplier<S3Config> backupsS3) {
        return new SwitchingBackups(local, backupsS3);
    }

    public Thumbnails thumbnails() {
        return new ImageIoThumbnails();
    }

    public S3Probe s3Probe() {
        return StorageAdapter::probe;
    }

    /** Writes and deletes a small object, as upstream's settings test does. */
    static void probe(S3Config config) {
        try (S3FileStore store = new S3FileStore(config)) {
            String key = "pb_settings_test_file.txt";
            byte[] bytes = "test".getBytes(StandardCharsets.UTF_8);
            store.put(key, new ByteArrayInputStream(bytes), bytes.length, "text/plain; charset=utf-8", "");
            store.delete(key);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private FileStore current() {
        S3Config config = settings.get();
        if (!config.enabled()) {
            return local;
        }
        synchronized (lock) {
            if (!config.equals(currentConfig)) {
                // requests still reading from the old client keep it; it is dropped when they finish
                currentS3 = new S3FileStore(config);
                currentConfig = config;
            }
            return currentS3;
        }
    }

    /** The backups bucket, or null while backups stay local. */
    private S3FileStore backupsBucket(Supplier<S3Config> backupsSettings) {
        S3Config config = backupsSettings.get();
        if (config == null || !config.enabled()) {
            return null;
        }
        synchronized (lock) {
            if (!config.equals(backupsConfig)) {
                backupsS3 = new S3FileStore(config);
                backupsConfig = config;
            }
            return backupsS3;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (currentS3 != null) {
                currentS3.close();
            }
            if (backupsS3 != null) {
                backupsS3.close();
            }
        }
    }

    /** Delegates each call to the backups storage the settings select right now. */
    private final class SwitchingBackups implements BackupStore {
        private final BackupStore local;
        private final Supplier<S3Config> backupsS3;

        SwitchingBackups(BackupStore local, Supplier<S3Config> backupsS3) {
            this.local = local;
            this.backupsS3 = backupsS3;
        }

        private BackupStore current() {
            S3FileStore bucket = backupsBucket(backupsS3);
            return bucket == null ? local : new S3BackupStore(bucket);
        }

        @Override
        public java.util.List<BackupFile> list() {
            return current().list();
        }

        @Override
        public boolean exists(String key) {
            return current().exists(key);
        }

        @Override
        public Optional<InputStream> open(String key) {
            return current().open(key);
        }

        @Override
        public void write(String key, Content content) throws java.io.IOException {
            current().write(key, content);
        }

        @Override
        public boolean delete(String key) {
            return current().delete(key);
        }
    }

    /** Delegates each call to the store the settings select right now. */
    private final class SwitchingStore implements FileStore {
        @Override
        public Optional<StoredFile> stat(String key) {
            return current().stat(key);
        }

        @Override
        public InputStream open(String key, long offset) {
            return current().open(key, offset);
        }

        @Override
        public void put(String key, InputStream content, long size, String contentType, String originalName) {
            current().put(key, content, size, contentType, originalName);
        }

        @Override
        public void delete(String key) {
            current().delete(key);
        }

        @Override
        public void deletePrefix(String prefix) {
            current().deletePrefix(prefix);
        }
    }
}
