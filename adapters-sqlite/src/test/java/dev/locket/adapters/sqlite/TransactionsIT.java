package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionsIT {
    @TempDir
    Path tmp;
    SqliteAdapter adapter;
    Transactions tx;
    RecordStore records;
    Collection demo2;

    @BeforeEach
    void open() {
        adapter = SqliteAdapter.open(TestDirs.copyFixture(tmp.resolve("pb_data")), TestDirs.CLOCK);
        tx = adapter.transactions();
        records = adapter.recordStore();
        demo2 = adapter.collectionStore().find("demo2").orElseThrow();
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    private Record demo2(String id, String title) {
        return new Record(demo2, Map.of("id", id, "title", title, "active", true,
                "created", "2026-01-02 03:04:05.678Z", "updated", "2026-01-02 03:04:05.678Z"));
    }

    @Test
    void rollbackDiscardsWritesAndAfterCommitActions() {
        List<String> ran = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> tx.inTransaction(() -> {
            records.insert(demo2, demo2("aaaaaaaaaaaaaaa", "rolled back"));
            tx.afterCommit(() -> ran.add("after"));
            // Reads inside the transaction see its own writes.
            assertTrue(records.find(demo2, "aaaaaaaaaaaaaaa").isPresent());
            throw new IllegalStateException("boom");
        }));
        assertTrue(records.find(demo2, "aaaaaaaaaaaaaaa").isEmpty());
        assertEquals(List.of(), ran);
    }

    @Test
    void commitKeepsWritesAndRunsAfterCommitActionsOnce() {
        List<String> ran = new ArrayList<>();
        String result = tx.inTransaction(() -> {
            records.insert(demo2, demo2("bbbbbbbbbbbbbbb", "kept"));
            tx.afterCommit(() -> ran.add("outer"));
            // A nested call joins the open transaction.
            tx.inTransaction(() -> {
                records.insert(demo2, demo2("ccccccccccccccc", "nested"));
                tx.afterCommit(() -> ran.add("inner"));
            });
            assertEquals(List.of(), ran, "nothing runs before the commit");
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of("outer", "inner"), ran);
        assertEquals("kept", records.find(demo2, "bbbbbbbbbbbbbbb").orElseThrow().get("title"));
        assertEquals(Boolean.TRUE, records.find(demo2, "ccccccccccccccc").orElseThrow().get("active"));
    }

    @Test
    void afterCommitOutsideATransactionRunsAtOnce() {
        List<String> ran = new ArrayList<>();
        tx.afterCommit(() -> ran.add("now"));
        assertEquals(List.of("now"), ran);
    }

    @Test
    void otherThreadsDoNotSeeUncommittedWrites() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        AtomicBoolean seenByOther = new AtomicBoolean(true);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var writer = pool.submit(() -> tx.inTransaction(() -> {
                records.insert(demo2, demo2("ddddddddddddddd", "pending"));
                written.countDown();
                try {
                    assertTrue(checked.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(written.await(10, TimeUnit.SECONDS));
            seenByOther.set(records.find(demo2, "ddddddddddddddd").isPresent());
            checked.countDown();
            writer.get(10, TimeUnit.SECONDS);
        }
        assertEquals(false, seenByOther.get());
        assertTrue(records.find(demo2, "ddddddddddddddd").isPresent());
    }

    @Test
    void concurrentWritersAreSerialised() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "conc%011d".formatted(i);
                futures.add(pool.submit(() -> {
                    if (id.endsWith("0")) {
                        tx.inTransaction(() -> records.insert(demo2, demo2(id, "t " + id)));
                    } else {
                        records.insert(demo2, demo2(id, "t " + id));
                    }
                    return records.find(demo2, id).isPresent();
                }));
            }
            for (var f : futures) {
                assertEquals(Boolean.TRUE, f.get(30, TimeUnit.SECONDS));
            }
        }
        assertEquals(43, records.list(demo2, new dev.locket.application.port.out.RecordQuery(null, null, List.of(), 1, 1,
                false, dev.locket.domain.rule.RequestInfo.guest())).totalItems());
    }

    @Test
    void writesOutsideATransactionCommitOnTheirOwn() {
        records.insert(demo2, demo2("eeeeeeeeeeeeeee", "solo"));
        records.update(demo2, demo2("eeeeeeeeeeeeeee", "solo2").with("active", false));
        Record r = records.find(demo2, "eeeeeeeeeeeeeee").orElseThrow();
        assertEquals("solo2", r.get("title"));
        assertEquals(Boolean.FALSE, r.get("active"));
        records.delete(demo2, "eeeeeeeeeeeeeee");
        assertTrue(records.find(demo2, "eeeeeeeeeeeeeee").isEmpty());
    }
}
