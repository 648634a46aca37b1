package dev.locket.application.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.Transactions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Transactions} must do, so the in-memory fake the service tests run on behaves as the SQLite
 * adapter does: run against both ({@code InMemoryTransactionsTest}, {@code SqliteTransactionsContractIT}).
 */
public abstract class TransactionsContract {

    protected abstract Transactions transactions();

    /** Writes a row identified by {@code id} through the store the transactions cover. */
    protected abstract void write(String id);

    protected abstract boolean exists(String id);

    @Test
    void aCommitKeepsEveryWriteAndRunsTheAfterCommitActionsOnceInOrder() {
        Transactions tx = transactions();
        List<String> ran = new ArrayList<>();
        String result = tx.inTransaction(() -> {
            write("commit000000001");
            tx.afterCommit(() -> ran.add("outer"));
            tx.afterRollback(() -> ran.add("undo"));
            tx.inTransaction(() -> {
                write("commit000000002");
                tx.afterCommit(() -> ran.add("inner"));
            });
            assertTrue(exists("commit000000002"), "a transaction reads its own writes");
            assertEquals(List.of(), ran, "nothing runs before the commit");
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of("outer", "inner"), ran);
        assertTrue(exists("commit000000001") && exists("commit000000002"));
    }

    @Test
    void aFailureRollsBackNestedWritesDropsAfterCommitAndRunsAfterRollback() {
        Transactions tx = transactions();
        List<String> ran = new ArrayList<>();
        IllegalStateException boom = assertThrows(IllegalStateException.class, () -> tx.inTransaction(() -> {
            write("rollback0000001");
            tx.afterCommit(() -> ran.add("after"));
            tx.afterRollback(() -> ran.add("undo"));
            tx.inTransaction(() -> write("rollback0000002"));
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", boom.getMessage(), "the caller sees its own failure");
        assertEquals(List.of("undo"), ran);
        assertFalse(exists("rollback0000001"));
        assertFalse(exists("rollback0000002"));
    }

    @Test
    void outsideATransactionAfterCommitRunsAtOnceAndAfterRollbackNever() {
        Transactions tx = transactions();
        List<String> ran = new ArrayList<>();
        tx.afterCommit(() -> ran.add("now"));
        tx.afterRollback(() -> ran.add("never"));
        assertEquals(List.of("now"), ran);
        tx.inTransaction(() -> write("plain0000000001"));
        assertEquals(List.of("now"), ran, "an earlier afterRollback does not leak into a later transaction");
    }
}
