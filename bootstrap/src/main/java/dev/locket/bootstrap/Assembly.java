package dev.locket.bootstrap;

import dev.locket.LocketConfig;
import dev.locket.adapters.http.BcryptPasswordHasher;
import dev.locket.adapters.http.HttpPorts;
import dev.locket.adapters.http.JwtTokenCodec;
import dev.locket.adapters.sqlite.SqliteAdapter;
import dev.locket.adapters.http.FilePorts;
import dev.locket.adapters.storage.StorageAdapter;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.service.AuthService;
import dev.locket.application.service.BatchService;
import dev.locket.application.service.CollectionService;
import dev.locket.application.service.FileService;
import dev.locket.application.service.RecordService;
import java.nio.file.Path;

/** The composition root: one data directory's adapters and the services over them. */
public final class Assembly implements AutoCloseable {
    private final SqliteAdapter sqlite;
    private final RecordService records;
    private final CollectionService collections;
    private final AuthService auth;
    private final BatchService batch;
    private final StorageAdapter storage;
    private final FileService files;

    private Assembly(SqliteAdapter sqlite, RecordService records, CollectionService collections, AuthService auth,
                     BatchService batch, StorageAdapter storage, FileService files) {
        this.sqlite = sqlite;
        this.records = records;
        this.collections = collections;
        this.auth = auth;
        this.batch = batch;
        this.storage = storage;
        this.files = files;
    }

    public static Assembly open(Path dataDir, Hooks hooks, LocketConfig config) {
        SqliteAdapter sqlite = SqliteAdapter.open(dataDir, config.clock());
        var hasher = new BcryptPasswordHasher();
        var tokens = new JwtTokenCodec();
        var storage = StorageAdapter.open(dataDir, sqlite.settingsStore()::load);
        var fileStore = storage.fileStore();
        var records = new RecordService(sqlite.collectionStore(), sqlite.recordStore(), sqlite.transactions(),
                hasher, hooks, config.clock(), config.random(), fileStore);
        var collections = new CollectionService(sqlite.collectionStore(), sqlite.recordStore(),
                sqlite.transactions(), hooks, config.clock(), config.random(), fileStore);
        var auth = new AuthService(sqlite.collectionStore(), sqlite.recordStore(), tokens, hasher, hooks,
                config.clock());
        var batch = new BatchService(sqlite.settingsStore(), sqlite.collectionStore(), sqlite.recordStore(),
                sqlite.transactions(), records, records, records, config.clock());
        var files = new FileService(sqlite.collectionStore(), sqlite.recordStore(), fileStore, storage.thumbnails(),
                tokens, sqlite.settingsStore(), storage.s3Probe(), config.clock());
        return new Assembly(sqlite, records, collections, auth, batch, storage, files);
    }

    public HttpPorts httpPorts() {
        return new HttpPorts(records, records, records, records, records, collections, auth, auth, auth, batch,
                new FilePorts(files, files, files, files));
    }

    public RecordService records() {
        return records;
    }

    public ManageCollections collections() {
        return collections;
    }

    public SqliteAdapter sqlite() {
        return sqlite;
    }

    @Override
    public void close() {
        storage.close();
        sqlite.close();
    }
}
