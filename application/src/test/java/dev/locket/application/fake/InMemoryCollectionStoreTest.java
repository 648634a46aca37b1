package dev.locket.application.fake;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.CollectionStoreContract;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.SystemCollections;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;

/** The fake the application tests use meets the same contract as the SQLite store. */
class InMemoryCollectionStoreTest extends CollectionStoreContract {
    private InMemoryCollectionStore store;
    private InMemoryTransactions transactions;

    @BeforeEach
    void open() {
        store = new InMemoryCollectionStore(SystemCollections.all("2026-01-01 00:00:00.000Z", new SplittableRandom(3))
                .toArray(Collection[]::new));
        transactions = new InMemoryTransactions(store);
    }

    @Override
    protected CollectionStore store() {
        return store;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}
