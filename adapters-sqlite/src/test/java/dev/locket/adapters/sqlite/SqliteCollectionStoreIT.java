package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.CollectionStoreContract;
import dev.locket.application.port.out.Transactions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store on a new data directory meets the contract the application's fake is held to. */
class SqliteCollectionStoreIT extends CollectionStoreContract {
    @TempDir
    Path tmp;
    private SqliteAdapter adapter;

    @BeforeEach
    void open() {
        adapter = SqliteAdapter.open(tmp.resolve("pb_data"), TestDirs.CLOCK);
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @Override
    protected CollectionStore store() {
        return adapter.collectionStore();
    }

    @Override
    protected Transactions transactions() {
        return adapter.transactions();
    }
}
