package dev.locket.bootstrap;

import dev.locket.LocketConfig;
import dev.locket.adapters.http.BcryptPasswordHasher;
import dev.locket.adapters.http.HttpPorts;
import dev.locket.adapters.http.JwtTokenCodec;
import dev.locket.adapters.realtime.RealtimeAdapter;
import dev.locket.adapters.sqlite.SqliteAdapter;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.service.AuthService;
import dev.locket.application.service.BatchService;
import dev.locket.application.service.CollectionService;
import dev.locket.application.service.RealtimeService;
import dev.locket.application.service.RecordService;
import java.nio.file.Path;

/** The composition root: one data directory's adapters and the services over them. */
public final class Assembly implements AutoCloseable {
    private final SqliteAdapter sqlite;
    private final RecordService records;
    private final CollectionService collections;
    private final AuthService auth;
    private final BatchService batch;
    private RealtimeService realtime;

    private Assembly(SqliteAdapter sqlite, RecordService records, CollectionService collections, AuthService auth,
                     BatchService batch) {
        this.sqlite = sqlite;
        this.records = records;
        this.collections = collections;
        this.auth = auth;
        this.batch = batch;
    }

    public static Assembly open(Path dataDir, Hooks hooks, LocketConfig config) {
        SqliteAdapter sqlite = SqliteAdapter.open(dataDir, config.clock());
        var hasher = new BcryptPasswordHasher();
        var tokens = new JwtTokenCodec();
        var records = new RecordService(sqlite.collectionStore(), sqlite.recordStore(), sqlite.transactions(),
                hasher, hooks, config.clock(), config.random());
        var collections = new CollectionService(sqlite.collectionStore(), sqlite.recordStore(),
                sqlite.transactions(), hooks, config.clock(), config.random());
        var auth = new AuthService(sqlite.collectionStore(), sqlite.recordStore(), tokens, hasher, hooks,
                config.clock());
        var batch = new BatchService(sqlite.settingsStore(), sqlite.collectionStore(), sqlite.recordStore(),
                sqlite.transactions(), records, records, records, config.clock());
        Assembly assembly = new Assembly(sqlite, records, collections, auth, batch);
        assembly.realtime = new RealtimeService(sqlite.collectionStore(), sqlite.recordStore(), sqlite.transactions(),
                hooks, config.clock(), config.random());
        return assembly;
    }

    /** The realtime fan-out (clients, subscriptions, custom messages). */
    public RealtimeService realtime() {
        return realtime;
    }

    /** The realtime transports (SSE and WebSocket) over {@link #realtime()}. */
    public RealtimeAdapter realtimeAdapter() {
        return new RealtimeAdapter(realtime, auth);
    }

    public HttpPorts httpPorts() {
        return new HttpPorts(records, records, records, records, records, collections, auth, auth, auth, batch);
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
        realtime.close();
        sqlite.close();
    }
}
