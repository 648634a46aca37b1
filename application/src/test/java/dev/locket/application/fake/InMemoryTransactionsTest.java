package dev.locket.application.fake;

import dev.locket.application.port.out.Transactions;
import java.util.HashSet;
import java.util.Set;

class InMemoryTransactionsTest extends TransactionsContract {
    private final Set<String> rows = new HashSet<>();
    private final InMemoryTransactions transactions = new InMemoryTransactions(new InMemoryTransactions.Snapshotting() {
        @Override
        public Object snapshot() {
            return Set.copyOf(rows);
        }

        @Override
        public void restore(Object snapshot) {
            rows.clear();
            ((Set<?>) snapshot).forEach(id -> rows.add((String) id));
        }
    });

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected void write(String id) {
        rows.add(id);
    }

    @Override
    protected boolean exists(String id) {
        return rows.contains(id);
    }
}
