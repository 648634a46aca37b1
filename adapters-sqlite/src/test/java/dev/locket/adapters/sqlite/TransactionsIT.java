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

    /**
     * Group commit: a caller whose work is done but whose group is still open (others queued behind it) is not
     * answered and its row is invisible until the group's COMMIT; a failing caller is rolled back alone.
     */
    @Test
    void groupedWritersAreAnsweredAfterTheirCommitAndFailAlone() throws Exception {
        SqliteDatabase db = (SqliteDatabase) tx;
        List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release1 = new CountDownLatch(1);
        CountDownLatch release3 = new CountDownLatch(1);
        CountDownLatch inside3 = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = pool.submit(() -> tx.inTransaction(() -> {
                records.insert(demo2, demo2("grp000000000001", "one"));
                tx.afterCommit(() -> ran.add("commit 1"));
                await(release1);
                return "1";
            }));
            awaitQueued(db, 0); // first holds the writer
            var second = pool.submit(() -> tx.inTransaction(() -> {
                records.insert(demo2, demo2("grp000000000002", "two"));
                tx.afterRollback(() -> ran.add("rollback 2"));
                tx.afterCommit(() -> ran.add("commit 2"));
                throw new IllegalStateException("second fails");
            }));
            awaitQueued(db, 1);
            var third = pool.submit(() -> tx.inTransaction(() -> {
                records.insert(demo2, demo2("grp000000000003", "three"));
                tx.afterCommit(() -> ran.add("commit 3"));
                inside3.countDown();
                await(release3);
                return "3";
            }));
            awaitQueued(db, 2);
            release1.countDown(); // first's work ends with others queued: its group stays open
            assertTrue(inside3.await(10, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertTrue(!first.isDone(), "not answered before its group commits");
            assertTrue(records.find(demo2, "grp000000000001").isEmpty(), "not visible before the commit");
            release3.countDown();
            assertEquals("1", first.get(10, TimeUnit.SECONDS));
            assertEquals("3", third.get(10, TimeUnit.SECONDS));
            var thrown = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> second.get(10, TimeUnit.SECONDS));
            assertEquals("second fails", thrown.getCause().getMessage());
        }
        assertTrue(records.find(demo2, "grp000000000001").isPresent());
        assertTrue(records.find(demo2, "grp000000000002").isEmpty());
        assertTrue(records.find(demo2, "grp000000000003").isPresent());
        assertEquals(List.of("commit 1", "commit 3", "rollback 2"), ran.stream().sorted().toList());
    }

    /**
     * The app API's {@code runInTransaction}: one caller's long transaction of many writes holds the writer
     * while short writers queue; it commits whole or, failing at its end, leaves none of its rows, and the
     * short writers grouped around it keep theirs either way.
     */
    @Test
    void aLongMultiWriteTransactionAmongShortWritersCommitsWholeOrNothing() throws Exception {
        for (boolean fail : new boolean[] {true, false}) {
            String prefix = fail ? "lf" : "lk";
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<java.util.concurrent.Future<?>> shorts = new ArrayList<>();
                var longOne = pool.submit(() -> tx.inTransaction(() -> {
                    for (int i = 0; i < 300; i++) {
                        records.insert(demo2, demo2(String.format("%sl%012d", prefix, i), "long " + i));
                        if (i == 150) {
                            for (int t = 0; t < 20; t++) {
                                String id = String.format("%ss%012d", prefix, t);
                                shorts.add(pool.submit(() -> tx.inTransaction(
                                        () -> records.insert(demo2, demo2(id, "short " + id)))));
                            }
                        }
                    }
                    assertEquals(300, records.list(demo2, dev.locket.application.port.out.RecordQuery.lookup(
                            dev.locket.domain.filter.Lookup.containing("title", "long"), List.of(), 1000))
                            .items().stream().filter(r -> r.id().startsWith(prefix)).count());
                    if (fail) {
                        throw new IllegalStateException("undo all");
                    }
                    return null;
                }));
                if (fail) {
                    var thrown = assertThrows(java.util.concurrent.ExecutionException.class,
                            () -> longOne.get(30, TimeUnit.SECONDS));
                    assertEquals("undo all", thrown.getCause().getMessage());
                } else {
                    longOne.get(30, TimeUnit.SECONDS);
                }
                for (var f : shorts) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
            long kept = records.findByIds(demo2, java.util.stream.IntStream.range(0, 300)
                    .mapToObj(i -> String.format("%sl%012d", prefix, i)).toList()).size();
            assertEquals(fail ? 0 : 300, kept);
            assertEquals(20, records.findByIds(demo2, java.util.stream.IntStream.range(0, 20)
                    .mapToObj(t -> String.format("%ss%012d", prefix, t)).toList()).size());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQueued(SqliteDatabase db, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.queuedWriters() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(n == 0 ? 100 : 0); // n == 0: give the first caller time to take the writer
        assertTrue(db.queuedWriters() >= n);
    }
}
