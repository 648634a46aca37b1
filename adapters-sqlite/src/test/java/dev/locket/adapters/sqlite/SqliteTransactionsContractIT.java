package dev.locket.adapters.sqlite;

import dev.locket.application.fake.TransactionsContract;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The transactions contract the service tests' fake is held to, on a real SQLite file. */
class SqliteTransactionsContractIT extends TransactionsContract {
    @TempDir
    Path tmp;
    private SqliteAdapter adapter;
    private Collection demo2;

    @BeforeEach
    void open() {
        adapter = SqliteAdapter.open(TestDirs.copyFixture(tmp.resolve("pb_data")), TestDirs.CLOCK);
        demo2 = adapter.collectionStore().find("demo2").orElseThrow();
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @Override
    protected Transactions transactions() {
        return adapter.transactions();
    }

    @Override
    protected void write(String id) {
        adapter.recordStore().insert(demo2, new Record(demo2, Map.of("id", id, "title", id, "active", true,
                "created", "2026-01-02 03:04:05.678Z", "updated", "2026-01-02 03:04:05.678Z")));
    }

    @Override
    protected boolean exists(String id) {
        return adapter.recordStore().find(demo2, id).isPresent();
    }
}
